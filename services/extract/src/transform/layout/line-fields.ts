import { create } from "@bufbuild/protobuf";
import { type MoneyField, MoneyFieldSchema, type TextField, TextFieldSchema } from "@docproc/gen/docproc/v1/values_pb.js";
import { MATCH_CONFIDENCE, blankMeta, illegibleMeta, notFoundMeta, presentMeta } from "../../fields/field-meta.js";
import { maskSsnShapes } from "../../fields/pii.js";
import { sourceOf } from "./layout-cells.js";
import type { LabelHit } from "./label-search.js";
import { pickAmount } from "./pick-amount.js";
import type { ValueLine } from "./value-region.js";

/** The match confidence of a value line read for a hit. */
export function lineConfidence(hit: LabelHit, line: ValueLine): number {
  return line.adjacent ? Math.min(hit.matchConfidence, MATCH_CONFIDENCE.ADJACENT) : hit.matchConfidence;
}

/**
 * A money field from one value line of a repeated group (a state row, a box 12
 * slot): NOT_FOUND without the label, BLANK without a line or amount text.
 * `text` overrides the line's text when the line was split between columns.
 */
export function lineMoneyField(hit: LabelHit | undefined, line: ValueLine | undefined, text = line?.text ?? ""): MoneyField {
  if (!hit) return create(MoneyFieldSchema, { meta: notFoundMeta() });
  if (!line || !/\d/.test(text)) return create(MoneyFieldSchema, { meta: blankMeta(sourceOf(line?.cell ?? hit.cell), hit.matchConfidence) });
  const picked = pickAmount(text, { shortIntegers: !line.adjacent });
  if (!picked) return create(MoneyFieldSchema, { meta: illegibleMeta(sourceOf(line.cell), text, hit.matchConfidence * 0.5) });
  return create(MoneyFieldSchema, { value: picked.value, meta: presentMeta(sourceOf(line.cell), picked.raw, lineConfidence(hit, line)) });
}

/** A text field from one value line; `accept` may reject (undefined) or rewrite the text. */
export function lineTextField(
  hit: LabelHit | undefined,
  line: ValueLine | undefined,
  text = line?.text ?? "",
  accept: (t: string) => string | undefined = (t) => t,
): TextField {
  if (!hit) return create(TextFieldSchema, { value: "", meta: notFoundMeta() });
  const clean = maskSsnShapes(text.replace(/\s+/g, " ").trim());
  if (!line || !clean || /^[\s$\-–—.]*$/.test(clean)) {
    return create(TextFieldSchema, { value: "", meta: blankMeta(sourceOf(line?.cell ?? hit.cell), hit.matchConfidence) });
  }
  const value = accept(clean);
  if (value === undefined) return create(TextFieldSchema, { value: "", meta: illegibleMeta(sourceOf(line.cell), clean, hit.matchConfidence * 0.5) });
  return create(TextFieldSchema, { value, meta: presentMeta(sourceOf(line.cell), text, lineConfidence(hit, line)) });
}
