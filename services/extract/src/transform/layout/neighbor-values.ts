import { LayoutCategory } from "@docproc/gen/docproc/v1/layout_pb.js";
import { type Rect, cellRect, estimateX, lineBand, lineIndexAt, overlap } from "./cell-geometry.js";
import type { LayoutCell } from "./layout-cells.js";
import { isLabelResidue, looksLikeBoxLabel } from "./label-extent.js";
import type { LabelHit } from "./label-search.js";
import { type RegionContext, type ValueLine, cutAtRule, hitsIn, wordsWithin } from "./value-region.js";

/** Element kinds that never hold a field's value. */
const NOT_VALUES = new Set<LayoutCategory>([
  LayoutCategory.PAGE_HEADER,
  LayoutCategory.PAGE_FOOTER,
  LayoutCategory.SECTION_HEADER,
  LayoutCategory.TITLE,
  LayoutCategory.FOOTNOTE,
  LayoutCategory.CAPTION,
  LayoutCategory.PICTURE,
]);

/** How far (page fractions) a value may sit from its label. */
const MAX_RIGHT_GAP = 0.2;
const MAX_BELOW_GAP = 0.04;
const MAX_STACK_GAP = 0.025;
/** A value this close right of its label is preferred to one below it. */
const NEAR_RIGHT_GAP = 0.06;
/** A value beside its label is short: a paragraph to the right is something else. */
const MAX_RIGHT_CHARS = 80;
/** A value below its label is a few lines at most, not a paragraph of instructions. */
const MAX_BELOW_CHARS = 300;

/**
 * Candidate value lines from neighbouring cells when the label's cell holds
 * none, most likely first: in a table the cell to the right, then the cells
 * below in the same columns; on free layout an element just right of the
 * label on its line, then the elements stacked below within the label's
 * column, then an element further right. Cells holding labels are never
 * taken, and a label cell below ends the search (it is the next box).
 */
export function neighborCandidates(hit: LabelHit, ctx: RegionContext, maxLines: number): ValueLine[][] {
  // A table cell can also have its value in a text element laid over the table (never one outside it).
  const found = hit.cell.grid ? [...gridNeighbors(hit, ctx, maxLines), overlaid(hit, ctx, maxLines)] : freeNeighbors(hit, ctx, maxLines);
  return found.filter((c) => c.length > 0);
}

/** Text elements whose centre lies inside a table cell's (estimated) box. */
function overlaid(hit: LabelHit, ctx: RegionContext, maxLines: number): ValueLine[] {
  const r = cellRect(hit.cell);
  if (!r) return [];
  const inside = ctx.cells.filter((c) => {
    const cr = !c.grid && c.pageIndex === hit.cell.pageIndex && isFree(ctx, c) ? cellRect(c) : undefined;
    if (!cr) return false;
    const cx = (cr.x0 + cr.x1) / 2;
    const cy = (cr.y0 + cr.y1) / 2;
    return cx > r.x0 && cx < r.x1 && cy > r.y0 && cy < r.y1;
  });
  return inside.flatMap((c) => linesOf(c, maxLines, "over")).slice(0, maxLines);
}

function gridNeighbors(hit: LabelHit, ctx: RegionContext, maxLines: number): ValueLine[][] {
  const g = hit.cell.grid!;
  const sameTable = ctx.cells.filter((c) => c.grid?.tableId === g.tableId && c !== hit.cell);
  const right = sameTable.find((c) => c.grid!.row === g.row && c.grid!.col === g.col + g.colSpan);
  const rightLines = right && right.text && isFree(ctx, right) ? linesOf(right, maxLines, "right") : [];
  const below: ValueLine[] = [];
  let row = g.row + g.rowSpan;
  while (below.length < maxLines) {
    const cell = sameTable.find((c) => c.grid!.row === row && overlap(c.grid!.col, c.grid!.col + c.grid!.colSpan, g.col, g.col + g.colSpan) > 0);
    if (!cell || !cell.text || !isFree(ctx, cell)) break;
    below.push(...linesOf(cell, maxLines - below.length, "below"));
    row = cell.grid!.row + cell.grid!.rowSpan;
  }
  // Tables that print the amount before its description ("Box | Amount | Description").
  const left = sameTable.find((c) => c.grid!.row === g.row && c.grid!.col + c.grid!.colSpan === g.col);
  const leftLines = left && left.text && isFree(ctx, left) && !BOX_ID.test(left.text.trim()) ? linesOf(left, maxLines, "left") : [];
  return [rightLines, below, leftLines];
}

const BOX_ID = /^(?:box\s*)?\d{1,2}[a-h]?\.?$/i;

/** A cell that may hold a value: no label found in it, and it does not start like a box label we failed to read. */
function isFree(ctx: RegionContext, cell: LayoutCell): boolean {
  return hitsIn(ctx, cell).length === 0 && !NOT_VALUES.has(cell.category) && !looksLikeBoxLabel(cell.text) && !isLabelResidue(cell.text);
}

function linesOf(cell: LayoutCell, max: number, via: ValueLine["via"], keep?: (text: string) => string): ValueLine[] {
  return cell.lines
    .map((l) => cutAtRule(keep ? keep(l.text) : l.text))
    .filter(Boolean)
    .slice(0, max)
    .map((text) => ({ text, cell, adjacent: true, via }));
}

function freeNeighbors(hit: LabelHit, ctx: RegionContext, maxLines: number): ValueLine[][] {
  const cell = hit.cell;
  const rect = cellRect(cell);
  const endLine = lineIndexAt(cell, hit.end);
  const band = lineBand(cell, endLine);
  const xStart = estimateX(cell, hit.start);
  const xEnd = estimateX(cell, hit.end);
  if (!rect || !band || xStart === undefined || xEnd === undefined) return [];
  const nextOnLine = hitsIn(ctx, cell)
    .filter((h) => h.start >= hit.end && lineIndexAt(cell, h.start) === endLine)
    .sort((a, b) => a.start - b.start)[0];
  const col = { x0: Math.min(xStart, rect.x0 + 0.001) - 0.01, x1: nextOnLine ? (estimateX(cell, nextOnLine.start) ?? rect.x1) : rect.x1 + 0.01 };
  const page = ctx.cells.filter((c) => c.pageIndex === cell.pageIndex && c !== cell && !c.grid && cellRect(c));
  const free = page.filter((c) => isFree(ctx, c));
  const blockers = page.filter((c) => !isFree(ctx, c) && !NOT_VALUES.has(c.category)).map(cellRect).filter((r): r is Rect => !!r);

  const rights = nextOnLine
    ? []
    : free
        .map((c) => ({ c, r: cellRect(c)! }))
        .filter(({ c }) => c.text.length <= MAX_RIGHT_CHARS && c.lines.length <= 2)
        .filter(({ r }) => r.y1 - r.y0 <= 2.5 * (band.y1 - band.y0) && r.x0 >= xEnd - 0.01 && r.x0 - xEnd <= MAX_RIGHT_GAP)
        .filter(({ r }) => overlap(r.y0, r.y1, band.y0, band.y1) >= 0.5 * Math.min(r.y1 - r.y0, band.y1 - band.y0))
        .filter(({ r }) => !blockers.some((o) => between(o, xEnd, r.x0, band)))
        .sort((a, b) => a.r.x0 - b.r.x0);
  const right = rights[0];
  const near = right && right.r.x0 - xEnd <= NEAR_RIGHT_GAP ? linesOf(right.c, maxLines, "right") : [];
  const far = right && right.r.x0 - xEnd > NEAR_RIGHT_GAP ? linesOf(right.c, maxLines, "right") : [];

  const below: ValueLine[] = [];
  let bottom = band.y1;
  let maxGap = MAX_BELOW_GAP;
  while (below.length < maxLines) {
    const next = free
      .map((c) => ({ c, r: cellRect(c)! }))
      .filter(({ c }) => !below.some((v) => v.cell === c) && c.text.length <= MAX_BELOW_CHARS)
      .filter(({ r }) => r.y0 >= bottom - 0.005 && r.y0 - bottom <= maxGap && inColumn(r, col))
      .sort((a, b) => a.r.y0 - b.r.y0)[0];
    if (!next) break;
    if (blockers.some((b) => b.y0 >= bottom - 0.002 && b.y0 < next.r.y0 - 0.002 && overlap(b.x0, b.x1, col.x0, col.x1) > 0.5 * (b.x1 - b.x0))) break;
    // A value under its label may be wider than the label, unless another label shares the line: then the element is cut to the column.
    const whole = next.r.x0 >= col.x0 - 0.01 && next.r.x0 < col.x1 && (!nextOnLine || next.r.x1 <= col.x1 + 0.01);
    if (!whole && (next.c.lines.length > 2 || next.c.text.split(/\s+/).length > 10)) break;
    const lines = linesOf(next.c, maxLines - below.length, "below", whole ? undefined : (t) => wordsInColumn(t, next.r, col));
    if (lines.length === 0) break;
    below.push(...lines);
    bottom = next.r.y1;
    maxGap = MAX_STACK_GAP;
  }
  return [near, below, far];
}

function inColumn(r: Rect, col: { x0: number; x1: number }): boolean {
  const cx = (r.x0 + r.x1) / 2;
  return (cx >= col.x0 && cx <= col.x1) || overlap(r.x0, r.x1, col.x0, col.x1) >= 0.4 * Math.min(r.x1 - r.x0, col.x1 - col.x0);
}

/** The words of a wide line whose estimated centre falls in the column. */
function wordsInColumn(text: string, r: Rect, col: { x0: number; x1: number }): string {
  const f0 = (col.x0 - r.x0) / (r.x1 - r.x0);
  const f1 = (col.x1 - r.x0) / (r.x1 - r.x0);
  return wordsWithin(text, (c) => c / Math.max(1, text.length), f0, f1);
}

function between(o: Rect, x0: number, x1: number, band: { y0: number; y1: number }): boolean {
  return o.x0 >= x0 - 0.005 && o.x1 <= x1 + 0.005 && overlap(o.y0, o.y1, band.y0, band.y1) > 0;
}
