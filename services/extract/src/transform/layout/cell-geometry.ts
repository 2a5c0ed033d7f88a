import type { LayoutCell } from "./layout-cells.js";

/** A rectangle as page fractions. */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The cell's box as a Rect, undefined when the engine gave none. */
export function cellRect(cell: LayoutCell): Rect | undefined {
  const b = cell.box;
  if (!b || b.xMax <= b.xMin || b.yMax <= b.yMin) return undefined;
  return { x0: b.xMin, y0: b.yMin, x1: b.xMax, y1: b.yMax };
}

/** The index of the cell line holding the offset. */
export function lineIndexAt(cell: LayoutCell, offset: number): number {
  const i = cell.lines.findIndex((l) => offset >= l.start && offset <= l.end);
  return i < 0 ? cell.lines.length - 1 : i;
}

/**
 * The estimated x (page fraction) of a character offset. Engines give no word
 * boxes, so lines are taken as left-aligned in the cell with one character
 * width for the whole cell (its width over its longest line): OCR blocks hold
 * a label line and the shorter value lines under it.
 */
export function estimateX(cell: LayoutCell, offset: number): number | undefined {
  const r = cellRect(cell);
  if (!r) return undefined;
  const line = cell.lines[lineIndexAt(cell, offset)]!;
  return r.x0 + charFraction(cell, offset - line.start) * (r.x1 - r.x0);
}

/** A character column as a fraction of the cell's width (see estimateX). */
export function charFraction(cell: LayoutCell, column: number): number {
  const longest = Math.max(1, ...cell.lines.map((l) => l.text.length));
  return Math.min(1, column / longest);
}

/** The estimated vertical band of a cell line: the cell's height split evenly over its lines. */
export function lineBand(cell: LayoutCell, lineIndex: number): { y0: number; y1: number } | undefined {
  const r = cellRect(cell);
  if (!r) return undefined;
  const h = (r.y1 - r.y0) / Math.max(1, cell.lines.length);
  return { y0: r.y0 + h * lineIndex, y1: r.y0 + h * (lineIndex + 1) };
}

/** The length of the overlap of two intervals (0 when apart). */
export function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}
