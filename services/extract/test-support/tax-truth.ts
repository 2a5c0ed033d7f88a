import { toJsonString, type DescMessage, type Message } from "@bufbuild/protobuf";
import { CheckState, FieldStatus, TinType } from "@docproc/gen/docproc/v1/values_pb.js";
import { dateToIso } from "../src/fields/dates.js";
import { moneyToDecimal } from "../src/fields/money.js";
import type { TruthField } from "./tax-layout-fixture.js";

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const ws = (s: unknown) => String(s ?? "").replace(/\s+/g, " ").trim();
// The compared fields are of many message types; the comparison reads them structurally.
type AnyField = any;
const status = (f: AnyField): string => (f?.meta ? (FieldStatus[f.meta.status] ?? "?") : "NONE");

/**
 * Compares a transformed form to a corpus truth.json and returns one line per
 * field that differs (empty when everything matches). Truth `null` values mean
 * a blank box and must come back as BLANK.
 */
export function truthMismatches(document: Record<string, unknown>, truth: Record<string, TruthField>): string[] {
  const out: string[] = [];
  for (const [name, t] of Object.entries(truth)) {
    const r = compare(name, t, document[camel(name)]);
    if (r) out.push(`${name}: ${r}`);
  }
  return out;
}

function compare(name: string, t: AnyField, f: AnyField): string | undefined {
  const tv = t?.value !== undefined ? t.value : t;
  if (f === undefined) return "missing field";
  if (Array.isArray(tv)) return compareList(name, tv, Array.isArray(f) ? f : []);
  const type: string = f.$typeName ?? "";
  const want = (ok: boolean, got: string) => (ok ? undefined : `want ${JSON.stringify(tv)} got ${status(f)} ${got}`);
  if (tv === null && !type.endsWith("CheckboxField")) return want(status(f) === "BLANK", "");
  if (type.endsWith("MoneyField")) return want(status(f) === "PRESENT" && !!f.value && moneyToDecimal(f.value) === tv, f.value ? moneyToDecimal(f.value) : "");
  if (type.endsWith("TextField")) return want(ws(f.value) === ws(tv), JSON.stringify(f.value));
  if (type.endsWith("IntField")) return want(status(f) === "PRESENT" && Number(f.value) === tv, String(f.value));
  if (type.endsWith("DecimalField")) return want(f.value?.value === tv, String(f.value?.value));
  if (type.endsWith("DateField")) return want(!!f.value && dateToIso(f.value) === tv, f.value ? dateToIso(f.value) : "");
  if (type.endsWith("CheckboxField")) return want(f.value === (tv ? CheckState.CHECKED : CheckState.UNCHECKED), CheckState[f.value] ?? "");
  if (type.endsWith("TaxIdField")) {
    const v = f.value;
    const type = t.type === "ein" ? TinType.EIN : TinType.SSN;
    const ok = !!v && v.last4 === t.last4 && v.masked === t.masked && v.truncatedOnDocument === t.truncated_on_document && (v.type === type || (type === TinType.SSN && v.type === TinType.ITIN));
    return ok ? undefined : `want ${t.masked} got ${status(f)} ${v?.masked}`;
  }
  if (type.endsWith("MaskedNumberField")) return want(f.value?.last4 === String(tv).replace(/[^A-Za-z0-9]/g, "").slice(-4), String(f.value?.masked));
  if (type.endsWith("AddressField")) {
    const a = f.value;
    const got = a && { street: a.addressLines.join(", "), city: a.locality, state: a.administrativeArea, postal_code: a.postalCode };
    return want(JSON.stringify(got) === JSON.stringify(tv), JSON.stringify(got));
  }
  if (type.endsWith("NameField")) {
    const n = f.value;
    const ok = !!n && ws(n.full) === ws(tv) && n.first === t.first && (n.middle || null) === t.middle_initial && n.last === t.last && (n.suffix || null) === t.suffix;
    return want(ok, JSON.stringify(n && [n.first, n.middle, n.last, n.suffix]));
  }
  return `unknown field type ${type} for ${name}`;
}

function compareList(name: string, want: AnyField[], got: AnyField[]): string | undefined {
  if (name === "box7_distribution_codes") {
    const codes = got.map((x) => x.value);
    return JSON.stringify(codes) === JSON.stringify(want) ? undefined : `want ${JSON.stringify(want)} got ${JSON.stringify(codes)}`;
  }
  if (got.length !== want.length) return `want ${want.length} rows got ${got.length}`;
  for (let i = 0; i < want.length; i++) {
    for (const [k, v] of Object.entries(want[i] as Record<string, unknown>)) {
      if (k === "raw") continue;
      const sub = got[i][camel(k)];
      const r = k === "slot" || k === "code" ? (sub === v ? undefined : `want ${String(v)} got ${String(sub)}`) : compare(k, { value: v }, sub);
      if (r) return `[${i}].${k}: ${r}`;
    }
  }
  return undefined;
}

/** The full 9-digit SSNs of the truth (those must never appear in output). */
export function truthSsns(truth: Record<string, TruthField>): string[] {
  return Object.values(truth)
    .map((t) => t.value)
    .filter((v): v is string => typeof v === "string" && /^\d{3}-\d{2}-\d{4}$/.test(v));
}

/** The message as JSON text, for leak checks. */
export function jsonText<D extends DescMessage>(schema: D, message: Message & { $typeName: D["typeName"] }): string {
  return toJsonString(schema, message as never);
}
