import type { ParsedMoney } from "../../fields/index.js";
import { type Found, type Reader, findBest } from "./label-finder.js";
import { type LabelSpec, findLabels } from "./label-pattern.js";
import type { DocLine, LayoutDoc } from "./layout-doc.js";
import { linesBelow } from "./neighbors.js";
import { findMoney } from "./value-tokens.js";

/**
 * Summary rows printed as a line of labels over a line of amounts, when the
 * engine gave them as text rather than a table:
 *   "Previous Balance Deposits Withdrawals New Balance"
 *   "$9,759.85 $9,938.79 $12,204.71 $7,493.93"
 * The labels of `specs` found in the first line, in order, take the amounts
 * of the line below in the same order, when the counts match.
 */
export function findColumnar(doc: LayoutDoc, specs: readonly LabelSpec[]): Map<LabelSpec, Found<ParsedMoney>> {
  const out = new Map<LabelSpec, Found<ParsedMoney>>();
  for (const line of doc.lines) {
    if (line.cells) continue;
    const first = linesBelow(doc, line)[0];
    if (!first || first.cells) continue;
    // The whole printed row under the labels: OCR may give each amount as its own fragment.
    const row = doc.lines
      .filter((o) => o.block.page === line.block.page && !o.cells && sameRow(o, first) && o.rect.x1 > line.rect.x0 && o.rect.x0 < line.rect.x1)
      .sort((a, b) => a.rect.x0 - b.rect.x0);
    const below = row.includes(first) ? row : [first];
    const text = below.map((l) => l.text).join("   ");
    const amounts = findMoney(text);
    const leftover = amounts.reduceRight((t, a) => t.slice(0, a.start) + t.slice(a.end), text);
    if (amounts.length < 2 || /[A-Za-z]/.test(leftover)) continue;
    const hits = specs
      .flatMap((spec) => findLabels(line.text, spec).map((h) => ({ ...h, spec })))
      .sort((a, b) => a.start - b.start || b.end - a.end)
      .filter((h, i, all) => !all.slice(0, i).some((o) => h.start < o.end));
    if (hits.length !== amounts.length) continue;
    hits.forEach((hit, i) => {
      const amount = amounts[i]!;
      const from = below.find((l) => l.text.includes(amount.raw)) ?? first;
      if (!out.has(hit.spec)) out.set(hit.spec, { value: amount, raw: amount.raw, line: from, labelLine: line, quality: 0.9, priority: hit.priority });
    });
  }
  return out;
}

function sameRow(a: DocLine, b: DocLine): boolean {
  const h = Math.min(a.rect.y1 - a.rect.y0, b.rect.y1 - b.rect.y0) || 1e-6;
  return Math.max(0, Math.min(a.rect.y1, b.rect.y1) - Math.max(a.rect.y0, b.rect.y0)) / h >= 0.5;
}

/**
 * Reads summary amounts: for a spec, the labelled value or the one of a
 * columnar summary of `columnSpecs`, whichever matched better.
 */
export function summaryReader(
  doc: LayoutDoc,
  columnSpecs: readonly LabelSpec[],
  read: Reader<ParsedMoney>,
): (spec: LabelSpec) => Found<ParsedMoney> | undefined {
  const columns = findColumnar(doc, columnSpecs);
  return (spec) => {
    const labelled = findBest(doc, spec, read);
    const columnar = columns.get(spec);
    if (!labelled || !columnar) return labelled ?? columnar;
    return columnar.quality > labelled.quality ? columnar : labelled;
  };
}
