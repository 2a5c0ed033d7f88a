import { cellRect, estimateX, lineBand, lineIndexAt, overlap } from "./cell-geometry.js";
import type { LayoutCell } from "./layout-cells.js";
import type { LabelHit } from "./label-search.js";
import type { RegionContext } from "./value-region.js";

/** A checkbox mark ("X", "✓", "[x]", "☒") found near a label. */
export interface CheckMark {
  cell: LayoutCell;
  /** Offset of the mark in the cell text. */
  start: number;
  /** True when the mark shares a line with label text, so its place among labels is known. */
  inline: boolean;
  /** True when it came from a neighbouring element rather than the label's own. */
  adjacent: boolean;
  /** The mark's estimated x (page fraction); reliable only for marks standing in their own element. */
  x?: number;
}

/**
 * A checked box as engines print it: "X", "✓", "☒", "[X]", "(x)", and the
 * shapes OCR makes of a ticked square ("DX", "IX", "X]", "|X|"). A word that
 * only contains an x ("XXX-XX-1234", "X5616723") is not a mark.
 */
const MARK_TOKEN = /^(?:[[(|]?[xX✓✔][\])|]?|[☒☑✗✘■]|[DI][xX])$/u;
const MARK_ONLY = /^\s*\S+\s*$/u;

function isMarkToken(token: string): boolean {
  return MARK_TOKEN.test(token.replace(/[.,:;]+$/, ""));
}

/** The marks in a cell's text between two offsets. */
export function marksBetween(cell: LayoutCell, from: number, to: number): CheckMark[] {
  const out: CheckMark[] = [];
  for (const m of cell.text.slice(from, to).matchAll(/\S+/g)) {
    if (!isMarkToken(m[0])) continue;
    const start = from + m.index;
    const line = cell.lines[lineIndexAt(cell, start)]!;
    const inline = line.text.trim().length > m[0].length;
    out.push({ cell, start, inline, adjacent: false });
  }
  return out;
}

/** The marks after a label in its own cell, up to the next label in that cell. */
export function ownMarks(hit: LabelHit, ctx: RegionContext): CheckMark[] {
  const next = (ctx.hitsByCell.get(hit.cell.index) ?? []).filter((h) => h.start >= hit.end).sort((a, b) => a.start - b.start)[0];
  return marksBetween(hit.cell, hit.end, next ? next.start : hit.cell.text.length);
}

/**
 * Elements holding nothing but a mark, next to the label: in a table the
 * cell right or left of it; on free layout on the label's line within a short
 * distance either side, or just below it.
 */
export function adjacentMarks(hit: LabelHit, ctx: RegionContext): CheckMark[] {
  const cell = hit.cell;
  const markCells = ctx.cells.filter((c) => c !== cell && c.pageIndex === cell.pageIndex && MARK_ONLY.test(c.text) && isMarkToken(c.text.trim()));
  const mark = (c: LayoutCell): CheckMark => {
    const r = cellRect(c);
    return { cell: c, start: c.text.search(/\S/), inline: false, adjacent: true, ...(r ? { x: (r.x0 + r.x1) / 2 } : {}) };
  };
  if (cell.grid) {
    const g = cell.grid;
    return markCells
      .filter((c) => c.grid?.tableId === g.tableId && c.grid.row === g.row && (c.grid.col === g.col + g.colSpan || c.grid.col + c.grid.colSpan === g.col))
      .map(mark);
  }
  const rect = cellRect(cell);
  const band = lineBand(cell, lineIndexAt(cell, hit.end));
  const x0 = estimateX(cell, hit.start);
  const x1 = estimateX(cell, hit.end);
  if (!rect || !band || x0 === undefined || x1 === undefined) return [];
  return markCells
    .filter((c) => {
      const r = cellRect(c);
      if (!r) return false;
      const sameLine = overlap(r.y0, r.y1, band.y0, band.y1) > 0.3 * Math.min(r.y1 - r.y0, band.y1 - band.y0);
      if (sameLine) return (r.x0 >= x1 - 0.01 && r.x0 - x1 <= 0.08) || (r.x1 <= x0 + 0.01 && x0 - r.x1 <= 0.05);
      return r.y0 >= band.y1 - 0.005 && r.y0 - band.y1 <= 0.03 && overlap(r.x0, r.x1, x0 - 0.02, x1 + 0.02) > 0;
    })
    .map(mark);
}
