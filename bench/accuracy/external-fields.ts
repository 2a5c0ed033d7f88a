import { type Counts, emptyCounts, type Json, type JsonObject } from "../extract/score.js";
import { isObject, presenceOf, valuesMatch } from "../extract/score-compare.js";

/**
 * The external corpus's invoice labels under our Invoice field names. Line
 * items and the vendor's tax id are left out: the first needs item pairing
 * the labels are too sparse for, the second has no Invoice field.
 */
const INVOICE_FIELDS: Readonly<Record<string, string>> = {
  invoice_number: "invoice_id",
  issue_date: "invoice_date",
  due_date: "due_date",
  total: "invoice_total",
  subtotal: "subtotal",
  tax: "total_tax",
  currency: "currency",
  vendor_name: "vendor_name",
};

const MONEY = new Set(["total", "subtotal", "tax"]);

/** A label as the comparison expects it: money as a 2-decimal string, the rest as text. */
function asTruth(name: string, value: unknown): Json | undefined {
  if (typeof value === "number") return MONEY.has(name) ? value.toFixed(2) : String(value);
  return typeof value === "string" ? value : undefined;
}

/**
 * Scores one external invoice's typed fields against the source labels
 * (expected_fields, with accept_values as alternatives), per field: a
 * matching value is a TP, a different value a FP and a FN, a missing one a
 * FN. `predicted` is the TypedDocument JSON ({"invoice": {...}}); any other
 * type scores every label as missing.
 */
export function scoreExternalInvoice(
  expected: Record<string, unknown>,
  acceptValues: Record<string, unknown[]>,
  predicted: JsonObject | undefined,
): { counts: Counts; byField: Record<string, Counts> } {
  const invoice = predicted && isObject(predicted["invoice"]) ? predicted["invoice"] : {};
  const counts = emptyCounts();
  const byField: Record<string, Counts> = {};
  for (const [label, ours] of Object.entries(INVOICE_FIELDS)) {
    const truths = [expected[label], ...(acceptValues[label] ?? [])].map((v) => asTruth(label, v)).filter((v): v is Json => v !== undefined);
    if (truths.length === 0) continue;
    const local = (byField[ours] ??= emptyCounts());
    const got = invoice[ours];
    if (presenceOf(got) !== "value") {
      local.fn += 1;
      counts.fn += 1;
    } else if (truths.some((truth) => valuesMatch(ours, undefined, truth, got))) {
      local.tp += 1;
      counts.tp += 1;
    } else {
      local.fp += 1;
      local.fn += 1;
      counts.fp += 1;
      counts.fn += 1;
    }
  }
  return { counts, byField };
}
