import type { JsonObject, JsonValue } from "@bufbuild/protobuf";

/**
 * Renders a typed document (proto JSON with proto field names) as readable
 * lines: "box1_wages_tips_other_comp: 75000.00  (0.97, page 1)". Fields not
 * found are left out; lists are shown item by item.
 */
export function formatFields(doc: JsonObject, indent = ""): string[] {
  const lines: string[] = [];
  for (const [name, field] of Object.entries(doc)) {
    if (name === "meta") continue;
    if (Array.isArray(field)) {
      field.forEach((item, i) => {
        if (isObject(item) && isObject(item["meta"]) && "value" in item) {
          lines.push(`${indent}${name}[${i}]: ${formatTyped(item)}`);
        } else if (isObject(item)) {
          lines.push(`${indent}${name}[${i}]:`, ...formatFields(item, indent + "  "));
        }
      });
    } else if (isObject(field) && isObject(field["meta"])) {
      if (field["meta"]["status"] === "FIELD_STATUS_NOT_FOUND") continue;
      lines.push(`${indent}${name}: ${formatTyped(field)}`);
    } else if (isObject(field)) {
      lines.push(`${indent}${name}:`, ...formatFields(field, indent + "  "));
    } else if (field !== null) {
      lines.push(`${indent}${name}: ${String(field)}`);
    }
  }
  return lines;
}

function formatTyped(field: JsonObject): string {
  const meta = field["meta"] as JsonObject;
  if (meta["status"] === "FIELD_STATUS_BLANK") return "(blank)";
  const confidence = typeof meta["confidence"] === "number" ? meta["confidence"].toFixed(2) : "?";
  const page = typeof meta["page_index"] === "number" ? meta["page_index"] + 1 : 1;
  return `${formatValue(field["value"])}  (${confidence}, page ${page})`;
}

function formatValue(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return "";
  if (!isObject(value)) {
    const text = String(value);
    return text.startsWith("CHECK_STATE_") ? text.slice("CHECK_STATE_".length).toLowerCase() : text;
  }
  if ("units" in value || "nanos" in value) {
    const nanos = BigInt(String(value["units"] ?? 0)) * 1_000_000_000n + BigInt(Number(value["nanos"] ?? 0));
    const sign = nanos < 0n ? "-" : "";
    const abs = nanos < 0n ? -nanos : nanos;
    const cents = (abs + 5_000_000n) / 10_000_000n;
    return `${sign}${cents / 100n}.${String(cents % 100n).padStart(2, "0")} ${value["currency_code"] ?? ""}`.trim();
  }
  if ("year" in value || "month" in value || "day" in value) {
    const part = (n: JsonValue | undefined, width: number) => (n ? String(n).padStart(width, "0") : "?".repeat(width));
    return `${part(value["year"], 4)}-${part(value["month"], 2)}-${part(value["day"], 2)}`;
  }
  if ("masked" in value) return String(value["masked"]);
  if ("full" in value) return String(value["full"]);
  if ("address_lines" in value || "locality" in value) {
    const lines = Array.isArray(value["address_lines"]) ? value["address_lines"].join(", ") : "";
    return [lines, value["locality"], [value["administrative_area"], value["postal_code"]].filter(Boolean).join(" ")]
      .filter(Boolean)
      .join(", ");
  }
  if ("value" in value) return String(value["value"]);
  if ("hours" in value || "minutes" in value) {
    return `${String(value["hours"] ?? 0).padStart(2, "0")}:${String(value["minutes"] ?? 0).padStart(2, "0")}`;
  }
  return JSON.stringify(value);
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
