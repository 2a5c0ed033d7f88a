import type { DocLine, LayoutDoc } from "./layout-doc.js";

/*
 * Geometry for labels whose value sits in another element: OCR engines often
 * split "Invoice #" and "INV-2023-55333" into two blocks, or put the value on
 * the line below the label.
 */

function verticalOverlap(a: DocLine, b: DocLine): number {
  const top = Math.max(a.rect.y0, b.rect.y0);
  const bottom = Math.min(a.rect.y1, b.rect.y1);
  const smaller = Math.min(a.rect.y1 - a.rect.y0, b.rect.y1 - b.rect.y0) || 1e-6;
  return Math.max(0, bottom - top) / smaller;
}

function horizontalOverlap(a: DocLine, b: DocLine): number {
  return Math.max(0, Math.min(a.rect.x1, b.rect.x1) - Math.max(a.rect.x0, b.rect.x0));
}

/** Lines of other elements on the same row to the right, nearest first. */
export function linesRightOf(doc: LayoutDoc, line: DocLine, maxGap = 1): DocLine[] {
  return doc.lines
    .filter(
      (o) =>
        o.block !== line.block &&
        o.block.page === line.block.page &&
        verticalOverlap(line, o) >= 0.5 &&
        o.rect.x0 >= line.rect.x1 - 0.01 &&
        o.rect.x0 - line.rect.x1 <= maxGap,
    )
    .sort((a, b) => a.rect.x0 - b.rect.x0);
}

/** Lines just below (overlapping horizontally), nearest first: the next line of the same element, then other elements. */
export function linesBelow(doc: LayoutDoc, line: DocLine, maxGap = 0.04): DocLine[] {
  const next = line.block.lines[line.indexInBlock + 1];
  const others = doc.lines
    .filter(
      (o) =>
        o.block !== line.block &&
        o.block.page === line.block.page &&
        o.rect.y0 >= line.rect.y1 - 0.005 &&
        o.rect.y0 - line.rect.y1 <= maxGap &&
        horizontalOverlap(line, o) > 0,
    )
    .sort((a, b) => a.rect.y0 - b.rect.y0 || Math.abs(a.rect.x0 - line.rect.x0) - Math.abs(b.rect.x0 - line.rect.x0));
  return next ? [next, ...others] : others;
}
