import { create } from "@bufbuild/protobuf";
import { type LabeledAmount, LabeledAmountSchema, MoneyFieldSchema, TextFieldSchema } from "@docproc/gen/docproc/v1/values_pb.js";
import { findAmounts } from "../../fields/find-amounts.js";
import { presentMeta } from "../../fields/field-meta.js";
import { maskSsnShapes } from "../../fields/pii.js";
import type { LayoutReader } from "../layout-reader.js";
import { sourceOf } from "../layout/layout-cells.js";
import { lineConfidence } from "../layout/line-fields.js";

/**
 * "Label amount" lines of a free-form box (W-2 box 14, 1098 box 10):
 * "SDI 123.45", "Property tax paid 8,063.80", several pairs on one line, or a
 * label line followed by an amount line. Amounts need cents or a currency
 * sign, so numbers inside labels ("414(h)", "UNION 32") are not taken.
 */
export function readLabeledAmounts(reader: LayoutReader, key: string, maxLines = 8): LabeledAmount[] {
  const hit = reader.hits(key)[0];
  if (!hit) return [];
  const out: LabeledAmount[] = [];
  let pending = "";
  for (const line of reader.valueLines(hit, maxLines)) {
    const amounts = findAmounts(line.text).filter((a) => a.hasCents || a.hasSymbol);
    let from = 0;
    for (const a of amounts) {
      const label = maskSsnShapes([pending, line.text.slice(from, a.start)].join(" ")).replace(/[\s:|.\-–—]+$/, "").replace(/^[\s:|]+/, "").trim();
      pending = "";
      from = a.end;
      const source = sourceOf(line.cell);
      const confidence = lineConfidence(hit, line);
      out.push(
        create(LabeledAmountSchema, {
          label: create(TextFieldSchema, { value: label, meta: presentMeta(source, label, label ? confidence : confidence * 0.5) }),
          amount: create(MoneyFieldSchema, { value: a.value, meta: presentMeta(source, a.raw, confidence) }),
        }),
      );
    }
    const rest = line.text.slice(from).trim();
    if (rest && /[A-Za-z]/.test(rest)) pending = [pending, rest].filter(Boolean).join(" ");
  }
  return out;
}
