import type { DecimalField } from "@docproc/gen/docproc/v1/values_pb.js";
import { decimalField } from "./field-build.js";
import type { LayoutDoc } from "./layout-doc.js";
import { rowDoc } from "./row-doc.js";
import { findPercents } from "./value-tokens.js";

const APR_HEADER = /\bapr\b|annual\s+percentage\s+rate/i;
const PURCHASE_ROW = /^\s*(?:standard\s+)?purchases?\b/i;
const NOT_PURCHASE = /penalty|cash|transfer|promo|introductory/i;

/**
 * The purchase APR: the "Purchases" row of the interest-charge table (a
 * table whose header names the APR), else a line that ties a percentage to
 * purchases ("Purchase APR 24.99%", "Purchases 26.99% (v)"), never the
 * penalty or cash-advance rate.
 */
export function findPurchaseApr(doc: LayoutDoc): DecimalField {
  for (const block of doc.blocks) {
    const rows = block.grid?.rows ?? [];
    if (!rows.some((r) => r.cells.some((c) => APR_HEADER.test(c)))) continue;
    const lines = block.lines.filter((l) => PURCHASE_ROW.test(l.cells?.find((c) => c) ?? "") && !NOT_PURCHASE.test(l.text));
    for (const line of lines) {
      const pct = findPercents(line.text)[0];
      if (pct) return decimalField(pct.value, { raw: pct.raw, line, quality: 0.95 });
    }
  }
  // Lines as printed, then visual rows (OCR may split "Purchases" and "26.99%" into separate blocks).
  for (const line of [...doc.lines, ...rowDoc(doc, [], () => false).lines]) {
    if (!/purchase/i.test(line.text) || NOT_PURCHASE.test(line.text)) continue;
    const m = /purchases?\b[^%]{0,40}?\b(\d{1,2}\.\d{1,3})\s?%|\b(\d{1,2}\.\d{1,3})\s?%[^%]{0,20}\bpurchases?\b/i.exec(line.text);
    const value = m?.[1] ?? m?.[2];
    if (value) return decimalField(value, { raw: `${value}%`, line, quality: 0.8 });
  }
  return decimalField(undefined);
}
