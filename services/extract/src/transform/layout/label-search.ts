import { LayoutCategory } from "@docproc/gen/docproc/v1/layout_pb.js";
import { MATCH_CONFIDENCE } from "../../fields/field-meta.js";
import { lineIndexAt } from "./cell-geometry.js";
import type { LayoutCell } from "./layout-cells.js";
import { closeParenthesis, extendLabel } from "./label-extent.js";
import { type Token, labelTokens, matchPhrase, tokenize } from "./label-text.js";

/** How to recognise one field's label on a page. */
export interface LabelSpec {
  /** The field's key, unique within a form. */
  key: string;
  /** The printed box id ("1", "2a", "12b", "a"), when the form numbers the box. */
  box?: string;
  /** Label wordings, any of which marks the field ("wages tips other compensation"). */
  synonyms: readonly string[];
  /**
   * True when a line holding only the box id ("12b", "9") marks the box; a
   * pattern also accepts the id followed by text it matches ("12b DD 1,234.00").
   */
  boxOnly?: boolean | RegExp;
  /** True when a one-word label ("CORRECTED") may stand alone in a short element. */
  standalone?: boolean;
  /** True when a short label may sit mid-line, beside another ("Retirement plan" in box 13). */
  inline?: boolean;
}

/** Where a label was found. */
export interface LabelHit {
  key: string;
  cell: LayoutCell;
  /** The label's span in the cell text (box id included), end exclusive. */
  start: number;
  end: number;
  /** Ranking score; higher is better. */
  score: number;
  boxMatched: boolean;
  /** False for a box-id-only hit. */
  labelMatched: boolean;
  /** Share of the label's words found times their match quality, 0..1. */
  fit: number;
  /** The match confidence on the MATCH_CONFIDENCE scale. */
  matchConfidence: number;
}

const BOX_LIKE = /^(?:\d{1,2}[a-h]?|[a-f])$/;

/** Box ids as OCR prints them: "la"/"lb" for "1a"/"1b". */
function normBox(s: string): string {
  return /^[li|]\d?[a-h]?$/i.test(s) ? `1${s.slice(1).toLowerCase()}` : s.toLowerCase();
}

/**
 * A one-word label ("Rents", "State", "CORRECTED") without its box id is
 * trusted only in a small element whose first line is short, as a box label
 * is — not as a word inside a name or a sentence.
 */
function labelLikeCell(cell: LayoutCell, tokens: Token[], standalone: boolean): boolean {
  const firstLine = tokens.filter((t) => lineIndexAt(cell, t.start) === lineIndexAt(cell, tokens[0]?.start ?? 0)).length;
  return standalone ? tokens.length <= 6 : firstLine <= 3 && tokens.length <= 8;
}

/** True when no word follows the token on its line. */
function endsLine(cell: LayoutCell, tokens: Token[], index: number): boolean {
  const next = tokens[index + 1];
  return !next || lineIndexAt(cell, next.start) !== lineIndexAt(cell, tokens[index]!.end);
}

/** True when nothing but punctuation precedes the offset on its line. */
function atLineStart(cell: LayoutCell, offset: number): boolean {
  const line = cell.lines[lineIndexAt(cell, offset)]!;
  return !/[\p{L}\p{N}]/u.test(cell.text.slice(line.start, offset));
}

/** Finds every spec's labels in the cells; a cell's overlapping hits keep only the best. */
export function findLabelHits(cells: readonly LayoutCell[], specs: readonly LabelSpec[]): LabelHit[] {
  const all: LabelHit[] = [];
  const byGrid = new Map(cells.filter((c) => c.grid).map((c) => [`${c.grid!.tableId}|${c.grid!.row}|${c.grid!.col + c.grid!.colSpan}`, c]));
  for (const cell of cells) {
    if (!cell.text) continue;
    const tokens = tokenize(cell.text);
    // A table may print the box id in its own column left of the label ("1 | Interest income | 1,200.00").
    const leftText = cell.grid ? byGrid.get(`${cell.grid.tableId}|${cell.grid.row}|${cell.grid.col}`)?.text.trim().toLowerCase() : undefined;
    const candidates = specs.flatMap((spec) => hitsInCell(cell, tokens, spec, leftText));
    // Equal scores: the longer label wins ("Bond premium on Treasury obligations" over "Bond premium").
    candidates.sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start);
    const kept: LabelHit[] = [];
    for (const c of candidates) {
      if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
      if (kept.some((k) => k.key === c.key)) continue;
      kept.push(c);
    }
    all.push(...kept);
  }
  return all;
}

/** Element kinds that name the document, not a box: a box label found there is a mention. */
const HEADING_CATEGORIES = new Set<LayoutCategory>([LayoutCategory.TITLE, LayoutCategory.SECTION_HEADER, LayoutCategory.PAGE_HEADER, LayoutCategory.PAGE_FOOTER]);

function hitsInCell(cell: LayoutCell, tokens: Token[], spec: LabelSpec, leftText?: string): LabelHit[] {
  const out: LabelHit[] = [];
  const heading = HEADING_CATEGORIES.has(cell.category);
  if (heading && spec.box) return out;
  const box = spec.box?.toLowerCase();
  for (const synonym of spec.synonyms) {
    const phrase = labelTokens(synonym);
    const strict = matchPhrase(tokens, phrase);
    // OCR may cut a label short ("2a Taxable"): half the words, the box id before them and the line ending right after.
    const m = strict ?? (box ? matchPhrase(tokens, phrase, true) : undefined);
    if (!m) continue;
    if (!strict && !(endsLine(cell, tokens, m.last) && box && normBox(tokens[m.first - 1]?.norm ?? "") === box)) continue;
    let start = tokens[m.first]!.start;
    let boxMatched = false;
    let otherBox = false;
    const prev = tokens[m.first - 1];
    const prev2 = tokens[m.first - 2];
    if (box && prev && normBox(prev.norm) === box) {
      boxMatched = true;
      start = prev2?.norm === "box" ? prev2.start : prev.start;
    } else if (box && prev && prev2 && normBox(prev2.norm + prev.norm) === box) {
      boxMatched = true;
      start = prev2.start;
    } else if (prev && BOX_LIKE.test(normBox(prev.norm)) && (box !== undefined || /\d/.test(prev.norm))) {
      otherBox = atLineStart(cell, prev.start);
    } else if (box && !prev && leftText !== undefined && normBox(leftText.replace(/^box\s*/, "").replace(/[.:]$/, "")) === box) {
      boxMatched = true;
    }
    const lineStart = atLineStart(cell, start);
    const fit = m.coverage * m.quality;
    // One or two words prove little on their own: they need the box id, the start of a line, or an exact match of a box-less label.
    const strong =
      boxMatched ||
      phrase.length >= 3 ||
      (phrase.length === 2 && (lineStart || (spec.inline === true && fit >= 0.95))) ||
      (phrase.length === 1 && lineStart && labelLikeCell(cell, tokens, spec.standalone === true));
    if (!strong) continue;
    // A label matched on more words is the more specific one ("Bond premium on Treasury obligations" over "Bond premium").
    const specificity = 0.02 * Math.min(10, Math.round(m.coverage * phrase.length));
    let score = fit + specificity + (boxMatched ? 0.5 : 0) + (lineStart ? 0.2 : 0);
    if (box && !boxMatched) score *= otherBox ? 0.5 : 0.85;
    if (tokens.length > 40 && !lineStart) score *= 0.5;
    if (heading) score *= 0.6;
    const end = closeParenthesis(cell, start, extendLabel(cell, tokens, m.last, tokens.slice(m.first, m.last + 1).every((t) => t.upper)));
    const matchConfidence = (boxMatched ? MATCH_CONFIDENCE.BOX_AND_LABEL : MATCH_CONFIDENCE.LABEL) * (0.5 + 0.5 * fit);
    out.push({ key: spec.key, cell, start, end, score, boxMatched, labelMatched: true, fit, matchConfidence });
  }
  if (spec.boxOnly && box) out.push(...boxOnlyHits(cell, tokens, spec.key, box, spec.boxOnly === true ? undefined : spec.boxOnly));
  return out;
}

/** "12b" (or "Box 12b") alone at the start of a line, or followed by text the spec's pattern accepts. */
function boxOnlyHits(cell: LayoutCell, tokens: Token[], key: string, box: string, rest?: RegExp): LabelHit[] {
  const out: LabelHit[] = [];
  tokens.forEach((t, i) => {
    if (normBox(t.norm) !== box) return;
    const start = tokens[i - 1]?.norm === "box" ? tokens[i - 1]!.start : t.start;
    if (!atLineStart(cell, start)) return;
    const line = cell.lines[lineIndexAt(cell, t.start)]!;
    const after = cell.text.slice(t.end, line.end).replace(/^[\s.:)-]+/, "").trim();
    if (after && !rest?.test(after)) return;
    out.push({ key, cell, start, end: t.end, score: 0.6 + 0.2, boxMatched: true, labelMatched: false, fit: 1, matchConfidence: MATCH_CONFIDENCE.BOX_ONLY });
  });
  return out.slice(0, 1);
}
