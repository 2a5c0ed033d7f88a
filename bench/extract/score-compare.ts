import { maskIdentifiers } from "../../services/extract/src/fields/index.js";
/**
 * Value comparison for the extract benchmark: a truth.json value (corpus
 * README normalisation) against a predicted typed field serialised with
 * toJson(..., { useProtoFieldName: true }). Pure functions, no I/O.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** What a predicted field holds: nothing, an explicit blank, or a value. */
export type Presence = "absent" | "blank" | "value";

export const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** Case, whitespace, curly quotes and edge punctuation do not count. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.,;:]+|[.,;:]+$/g, "")
    .trim()
    .toLowerCase();
}

const digits = (text: string): string => text.replace(/\D/g, "");

/** A proto enum value name without its prefix, lower case: "CHECK_STATE_CHECKED" -> "checked". */
function enumSuffix(name: string, prefix: string): string {
  return name.startsWith(prefix) ? name.slice(prefix.length).toLowerCase() : name.toLowerCase();
}

/** Whether a predicted field (wrapper message, plain string or enum name) holds a value. */
export function presenceOf(predicted: Json | undefined): Presence {
  if (predicted === undefined || predicted === null) return "absent";
  if (typeof predicted === "string") return predicted === "" || /_UNSPECIFIED$/.test(predicted) ? "absent" : "value";
  if (!isObject(predicted)) return "value";
  const status = isObject(predicted["meta"]) ? predicted["meta"]["status"] : undefined;
  if (status === "FIELD_STATUS_BLANK") return "blank";
  if (status === "FIELD_STATUS_NOT_FOUND" || status === "FIELD_STATUS_ILLEGIBLE") return "absent";
  if (!("value" in predicted)) {
    // A message without a value field (list items) counts by its sub-fields.
    return "meta" in predicted && Object.keys(predicted).length === 1 ? "absent" : "value";
  }
  const value = predicted["value"];
  if (value === "" || value === null || value === "CHECK_STATE_UNSPECIFIED") return "absent";
  return "value";
}

/** Money as a number from {units, nanos} (int64 units arrive as strings). */
function moneyNumber(value: JsonObject): number {
  return Number(value["units"] ?? 0) + Number(value["nanos"] ?? 0) / 1e9;
}

function unwrap(predicted: Json | undefined): Json | undefined {
  return isObject(predicted) && "value" in predicted ? predicted["value"] : predicted;
}

/**
 * True when the predicted field matches the truth value. `truthField` is the
 * whole truth.json entry (for last4/type of identifiers); `name` helps only
 * for phone numbers, compared by digits.
 */
export function valuesMatch(name: string, truthField: JsonObject | undefined, truth: Json, predicted: Json | undefined): boolean {
  const value = unwrap(predicted);
  if (value === undefined || value === null) return false;
  // Identifiers: only the last four digits (and the TIN type) can be compared.
  if (truthField && typeof truthField["last4"] === "string") {
    if (!isObject(value) || value["last4"] !== truthField["last4"]) return false;
    const type = truthField["type"];
    return typeof type !== "string" || (typeof value["type"] === "string" && enumSuffix(value["type"], "TIN_TYPE_") === type);
  }
  if (typeof truth === "boolean") {
    return typeof value === "string" && value === (truth ? "CHECK_STATE_CHECKED" : "CHECK_STATE_UNCHECKED");
  }
  if (typeof truth === "number") return Number(value) === truth;
  if (isObject(truth)) return addressMatches(truth, value);
  if (typeof truth !== "string") return false;
  if (isObject(value)) {
    // Account numbers are returned masked by design: compare the last four digits.
    if (typeof value["last4"] === "string") return value["last4"] === digits(truth).slice(-4);
    if ("units" in value || "nanos" in value || "currency_code" in value) {
      return Number.isFinite(Number(truth)) && Math.abs(moneyNumber(value) - Number(truth)) < 0.0005;
    }
    if ("year" in value || "month" in value || "day" in value) {
      const [y, m, d] = truth.split("-").map(Number);
      return value["year"] === y && value["month"] === m && value["day"] === d;
    }
    if ("hours" in value || "minutes" in value) {
      const [h, min] = truth.split(":").map(Number);
      return (value["hours"] ?? 0) === h && (value["minutes"] ?? 0) === min;
    }
    if ("full" in value) return normalizeText(String(value["full"])) === normalizeText(truth);
    if (typeof value["value"] === "string") return Number(value["value"]) === Number(truth); // Decimal
    return false;
  }
  if (typeof value !== "string") return false;
  if (/^[A-Z0-9_]+$/.test(value) && value.includes("_") && /^[A-Za-z_]+$/.test(truth)) {
    return value.toLowerCase().endsWith(truth.toLowerCase()); // enum: PAYMENT_METHOD_CREDIT_CARD vs CREDIT_CARD
  }
  if (normalizeText(value) === normalizeText(truth)) return true;
  // Text that carries an identifier (a MICR line) is returned masked by design.
  const masked = (text: string): string => normalizeText(text).replace(/\*+/g, "*");
  if (masked(value) === masked(maskIdentifiers(truth))) return true;
  return /phone/.test(name) && digits(value).length >= 7 && digits(value) === digits(truth);
}

/** Street vs address_lines joined with ", ", city vs locality, state, ZIP; all must agree. */
function addressMatches(truth: JsonObject, value: Json): boolean {
  if (!isObject(value)) return false;
  const lines = Array.isArray(value["address_lines"]) ? value["address_lines"].map(String) : [];
  const same = (a: Json | undefined, b: Json | undefined): boolean => normalizeText(String(a ?? "")) === normalizeText(String(b ?? ""));
  return (
    same(truth["street"], lines.join(", ")) &&
    same(truth["city"], value["locality"]) &&
    same(truth["state"], value["administrative_area"]) &&
    same(truth["postal_code"], value["postal_code"])
  );
}
