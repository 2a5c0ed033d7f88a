import type { ParsedMoney } from "../../fields/index.js";
import { type FindOptions, type Found, findBest, findLabeled } from "./label-finder.js";
import type { LabelSpec } from "./label-pattern.js";
import type { LayoutDoc } from "./layout-doc.js";
import { magnitude, near, nanos } from "./money-util.js";
import { readMoney } from "./value-readers.js";

/** The summary amounts of an invoice or receipt (magnitudes). */
export interface Totals {
  subtotal?: Found<ParsedMoney>;
  discount?: Found<ParsedMoney>;
  tax?: Found<ParsedMoney>;
  shipping?: Found<ParsedMoney>;
  tip?: Found<ParsedMoney>;
  total?: Found<ParsedMoney>;
}

export interface TotalSpecs {
  subtotal: LabelSpec;
  discount?: LabelSpec;
  tax: LabelSpec;
  shipping?: LabelSpec;
  tip?: LabelSpec;
  total: LabelSpec;
}

const abs = (f: Found<ParsedMoney> | undefined): bigint => (f ? nanos(magnitude(f.value.value)) : 0n);

/**
 * Reads the summary lines and picks the total that the others explain:
 * among every line labelled like a total, the one equal to subtotal −
 * discount + tax + shipping + tip wins; otherwise the best-labelled one.
 * "Subtotal" is never a total (the label patterns reject it).
 */
export function findTotals(doc: LayoutDoc, specs: TotalSpecs, options: FindOptions = {}): Totals {
  const plain = readMoney();
  const withRate = readMoney({ skipRate: true });
  const get = (spec: LabelSpec | undefined, rate = false) => (spec ? findBest(doc, spec, rate ? withRate : plain, options) : undefined);
  const totals: Totals = {};
  const subtotal = get(specs.subtotal);
  const discount = get(specs.discount, true);
  const tax = get(specs.tax, true);
  const shipping = get(specs.shipping);
  const tip = get(specs.tip);
  const candidates = findLabeled(doc, specs.total, plain, options);
  let total = candidates[0];
  if (subtotal) {
    const expected = abs(subtotal) - abs(discount) + abs(tax) + abs(shipping) + abs(tip);
    total = candidates.find((c) => near(abs(c), expected)) ?? total;
  }
  if (subtotal) totals.subtotal = subtotal;
  if (discount) totals.discount = discount;
  if (tax) totals.tax = tax;
  if (shipping) totals.shipping = shipping;
  if (tip) totals.tip = tip;
  if (total) totals.total = total;
  return totals;
}
