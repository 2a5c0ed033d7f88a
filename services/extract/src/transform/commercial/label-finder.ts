import { type LabelHit, type LabelSpec, findLabels } from "./label-pattern.js";
import type { DocLine, LayoutDoc } from "./layout-doc.js";
import { linesBelow, linesRightOf } from "./neighbors.js";

/** A value read right at the start of a text. */
export interface ReadValue<T> {
  value: T;
  raw: string;
}

/** Reads a value at the start of a text, or gives undefined. */
export type Reader<T> = (text: string) => ReadValue<T> | undefined;

/** A labelled value found in the layout. */
export interface Found<T> extends ReadValue<T> {
  /** The line the value was read from. */
  line: DocLine;
  /** The line holding the label. */
  labelLine: DocLine;
  /** Match quality 0..1: how the label matched and where the value sat. */
  quality: number;
  priority: number;
}

export interface FindOptions {
  /** Only lines passing this are searched for labels. */
  where?: (line: DocLine) => boolean;
  /** False to skip values on other lines/elements (default true). */
  neighbors?: boolean;
}

/** Leading separators between a label and its value. A dash is a separator only before a space ("Invoice - 12"). */
export function stripSeparators(text: string): string {
  let s = text;
  for (;;) {
    // "[" and "]" are how OCR often reads a printed "|" rule.
    const next = s.replace(/^[\s:=|[\]]+/, "").replace(/^[#.](?!\d)\s*/, "").replace(/^[-–—](?=\s)\s*/, "");
    if (next === s) return s;
    s = next;
  }
}

/**
 * The text a reject pattern is tested on: the label with what closely
 * precedes it in its cell (back to the previous value) and the next few
 * characters (its qualifier and value), not the neighbouring pairs of a
 * "A: 1 B: 2" line.
 */
function segmentAround(text: string, hit: LabelHit): string {
  const from = Math.max(text.lastIndexOf("|", hit.start) + 1, hit.start - 30);
  const before = text.slice(from, hit.start).replace(/^.*\d\s+/, "");
  const pipe = text.indexOf("|", hit.end);
  const to = Math.min(pipe < 0 ? text.length : pipe, hit.end + 14);
  return before + text.slice(hit.start, to);
}

function cellIndexAt(line: DocLine, offset: number): number {
  if (!line.cells) return -1;
  let pos = 0;
  for (let i = 0; i < line.cells.length; i++) {
    const cell = line.cells[i]!;
    if (!cell) continue;
    if (offset < pos + cell.length) return i;
    pos += cell.length + 3;
  }
  return -1;
}

/**
 * Every place a label of the spec is followed by a readable value, best
 * first: the value right after the label on its line or cell; for a bare
 * label, the cell below it in its table, the next line, a line to the right,
 * or a line below. Ties keep document order.
 */
export function findLabeled<T>(doc: LayoutDoc, spec: LabelSpec, read: Reader<T>, options: FindOptions = {}): Array<Found<T>> {
  const found: Array<Found<T>> = [];
  for (const line of doc.lines) {
    if (options.where && !options.where(line)) continue;
    for (const hit of findLabels(line.text, spec)) {
      if (spec.reject?.test(segmentAround(line.text, hit))) continue;
      const base = (hit.atStart ? 1 : 0.8) * Math.max(0.7, 1 - 0.03 * hit.priority) * (isListRow(line) ? 0.85 : 1);
      const push = (value: ReadValue<T>, from: DocLine, method: number): void => {
        found.push({ ...value, line: from, labelLine: line, quality: base * method, priority: hit.priority });
      };
      const rest = stripSeparators(line.text.slice(hit.end));
      const inline = read(rest);
      if (inline) {
        push(inline, line, 1);
        continue;
      }
      const restOfCell = line.text.slice(hit.end).split("|")[0] ?? "";
      if (!isQualifierOnly(stripSeparators(restOfCell)) || options.neighbors === false) continue;
      const below = gridBelow(line, hit);
      const fromGrid = below === undefined ? undefined : read(below);
      if (fromGrid) {
        push(fromGrid, line, 0.9);
        continue;
      }
      if (line.cells && rest !== "") continue;
      // Under a label printed mid-line (one of several column labels) the value below is ambiguous.
      const under = hit.atStart ? linesBelow(doc, line).slice(0, 2).filter((b) => !startsColumn(doc, b, read)) : [];
      const near = [...linesRightOf(doc, line).slice(0, 1), ...under];
      for (const other of near) {
        const value = read(stripSeparators(other.text));
        if (value) {
          push(value, other, 0.85);
          break;
        }
      }
    }
  }
  return found.sort((a, b) => b.quality - a.quality || a.line.seq - b.line.seq);
}

/**
 * Text left after a label that only qualifies it ("(3)", "(USD)", "7.25%",
 * "on 08/15/2024", leader dots): the value may still sit in the next element.
 */
function isQualifierOnly(text: string): boolean {
  const rest = text
    .replace(/\(\s*\d{1,4}\s*(?:items?)?\s*\)|\(\s*[A-Z]{3}\s*\)|\(?\s*\d{1,2}(?:\.\d+)?\s?%\s*\)?/gi, "")
    .replace(/\b(?:on|as\s+of|for|through|thru)\s+[\w/,. -]{4,20}$/i, "")
    .replace(/[._\-~=*·•:#|\s]+/g, "");
  return rest === "";
}

/** True when the line heads a column of values of the same kind (a list, not a label's single value). */
function startsColumn<T>(doc: LayoutDoc, line: DocLine, read: Reader<T>): boolean {
  if (!read(stripSeparators(line.text))) return false;
  const next = linesBelow(doc, line)[0];
  return next !== undefined && next.block !== line.block && read(stripSeparators(next.text)) !== undefined;
}

/** The cell under a header label, in small summary tables only (never the first row of a list table). */
function gridBelow(line: DocLine, hit: LabelHit): string | undefined {
  const grid = line.block.grid;
  if (!grid || line.row === undefined || grid.rows.length > 3) return undefined;
  const col = cellIndexAt(line, hit.start);
  const next = grid.rows[line.row + 1];
  return col >= 0 && next ? next.cells[col] : undefined;
}

/** True for a body row of a long table (transactions, line items): labels there are weaker. */
export function isListRow(line: DocLine): boolean {
  return (line.block.grid?.rows.length ?? 0) > 6 && !line.header;
}

/** The best value, or undefined. */
export function findBest<T>(doc: LayoutDoc, spec: LabelSpec, read: Reader<T>, options?: FindOptions): Found<T> | undefined {
  return findLabeled(doc, spec, read, options)[0];
}

/**
 * A line printing a label of the spec with an empty value: an empty table
 * cell after the label cell, or a fill-in rule ("Tip: ______", "$ ____").
 * Such a field is BLANK rather than NOT_FOUND.
 */
export function findBlankLabel(doc: LayoutDoc, spec: LabelSpec, options: FindOptions = {}): DocLine | undefined {
  for (const line of doc.lines) {
    if (options.where && !options.where(line)) continue;
    for (const hit of findLabels(line.text, spec)) {
      if (spec.reject?.test(segmentAround(line.text, hit)) || !hit.atStart) continue;
      const rest = line.text.slice(hit.end);
      if (line.cells) {
        const col = cellIndexAt(line, hit.start);
        const after = line.cells.slice(col + 1);
        if (col >= 0 && after.length > 0 && after.every((c) => /^[\s_$.-]*$/.test(c))) return line;
      } else if (/^[\s:$]*_{3,}[\s_]*$/.test(rest)) return line;
    }
  }
  return undefined;
}
