import { charFraction, lineIndexAt } from "./cell-geometry.js";
import type { LayoutCell } from "./layout-cells.js";
import { isLabelResidue } from "./label-extent.js";
import type { LabelHit } from "./label-search.js";

/** One line of text that holds (part of) a field's value. */
export interface ValueLine {
  text: string;
  cell: LayoutCell;
  /** True when it came from a neighbouring cell, not the label's own. */
  adjacent: boolean;
  /** Where it sits relative to the label: in the label's cell, or in a cell right of, below, left of or over it. */
  via: "own" | "right" | "below" | "left" | "over";
}

/** What value regions are computed against: all cells and the hits in each. */
export interface RegionContext {
  cells: readonly LayoutCell[];
  hitsByCell: ReadonlyMap<number, readonly LabelHit[]>;
}

/** The labels found in a cell. */
export function hitsIn(ctx: RegionContext, cell: LayoutCell): readonly LabelHit[] {
  return ctx.hitsByCell.get(cell.index) ?? [];
}

/**
 * The lines of the label's own cell that belong to it: the rest of the label's
 * line up to the next label, then the lines below up to the next line that
 * starts a label. With several labels on the label's line, the lines below are
 * split between them by position. When a blank line separates the label from
 * what follows (the dots.ocr box layout), only what follows the blank line is
 * value; anything before it is the label's wrapped tail.
 */
export function ownValueLines(hit: LabelHit, ctx: RegionContext): ValueLine[] {
  const cell = hit.cell;
  const others = hitsIn(ctx, cell).filter((h) => h !== hit);
  const endLine = lineIndexAt(cell, hit.end);
  const line = cell.lines[endLine]!;
  const next = others.filter((h) => h.start >= hit.end && lineIndexAt(cell, h.start) === endLine).sort((a, b) => a.start - b.start)[0];
  const rawTail = cell.text.slice(hit.end, next ? next.start : line.end).trim();
  const tail = isLabelResidue(rawTail) ? "" : rawTail;
  const sharing = others.some((h) => lineIndexAt(cell, h.start) === endLine || lineIndexAt(cell, h.end) === endLine);
  const f0 = charFraction(cell, hit.start - line.start);
  const f1 = next ? charFraction(cell, next.start - line.start) : 1;
  const below: string[] = [];
  for (let i = endLine + 1; i < cell.lines.length; i++) {
    const l = cell.lines[i]!;
    if (others.some((h) => h.start >= l.start && h.start <= l.end)) break;
    below.push(sharing ? wordsWithin(l.text, (c) => charFraction(cell, c), f0 - 0.02, f1) : l.text);
  }
  // A wrapped label's last line ("country, ZIP or foreign postal code, and telephone no.") is not a value.
  while (!tail && below.length > 0 && isLabelResidue(below[0]!)) below.shift();
  const blank = below.findIndex((t) => t.trim() === "");
  const afterBlank = blank >= 0 ? below.slice(blank + 1) : [];
  const texts = afterBlank.some((t) => t.trim()) ? afterBlank : [tail, ...below];
  return texts.map(cutAtRule).filter(Boolean).map((text) => ({ text, cell, adjacent: false, via: "own" as const }));
}

/** OCR reads a box's vertical rule as "|": what follows it belongs to the next box. */
export function cutAtRule(text: string): string {
  const t = text.trim().replace(/^\|\s*/, "");
  const bar = t.indexOf("|");
  return (bar > 0 ? t.slice(0, bar) : t).trim();
}

/** The words of a line whose centre (as a fraction given by `at`) lies in [f0, f1). */
export function wordsWithin(text: string, at: (column: number) => number, f0: number, f1: number): string {
  return [...text.matchAll(/\S+/g)]
    .filter((m) => {
      const c = at(m.index + m[0].length / 2);
      return c >= f0 && c < f1;
    })
    .map((m) => m[0])
    .join(" ");
}

