import type { ParsedMoney } from "../../fields/index.js";
import type { Evidence } from "./field-build.js";
import { type Found, findBest } from "./label-finder.js";
import type { LayoutDoc } from "./layout-doc.js";
import { TAX_RATE } from "./invoice-labels.js";
import { readPercent } from "./value-readers.js";
import { findPercents } from "./value-tokens.js";

/** The tax rate: a percentage printed in the tax line ("Tax 7.25%", "Sales Tax (8.25%)"), else a "Tax Rate" label. */
export function findTaxRate(doc: LayoutDoc, tax: Found<ParsedMoney> | undefined): [string | undefined, Evidence | undefined] {
  if (tax) {
    const text = tax.labelLine.text;
    const pct = findPercents(text).find((p) => p.end <= text.indexOf(tax.raw) || tax.labelLine !== tax.line);
    if (pct) return [pct.value, { raw: pct.raw, line: tax.labelLine, quality: 0.9 }];
  }
  const rate = findBest(doc, TAX_RATE, readPercent());
  return rate ? [rate.value, rate] : [undefined, undefined];
}
