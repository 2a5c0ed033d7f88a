import { lineIndexAt } from "./cell-geometry.js";
import type { LayoutCell } from "./layout-cells.js";
import { type Token, editDistance, tokenize } from "./label-text.js";

// Where a printed label ends: the words and punctuation a form prints around
// the wording we search for, so they are not read as the value.

/** Words a printed label often carries beyond the wording we search for; consumed so they are not read as values. */
const LABEL_TAIL_WORDS = new Set(
  "see instructions instruction optional included include includes including box boxes apt no number street address city town state province country zip foreign postal code telephone phone tel name names if checked only etc suff suffix amount amounts".split(
    " ",
  ),
);

/** True for a line made only of label words ("country, ZIP or foreign postal code, and telephone no."). */
export function isLabelResidue(line: string): boolean {
  const tokens = tokenize(line);
  return tokens.length >= 1 && tokens.every((t) => t.stop || isTailWord(t.norm));
}

/** A label tail word, allowing one OCR slip in longer words ("telcphone"). */
function isTailWord(norm: string): boolean {
  if (LABEL_TAIL_WORDS.has(norm)) return true;
  return norm.length >= 5 && [...LABEL_TAIL_WORDS].some((w) => w.length >= 5 && editDistance(norm, w, 1) <= 1);
}

/** True for text that starts like a box label: "13 Statutory…", "Box 4 Federal…", or "13" over a line of words. */
export function looksLikeBoxLabel(text: string): boolean {
  const [first = "", second = ""] = text.trim().split("\n");
  if (/^(?:box\s*)?\d{1,2}[a-h]?\s+\p{L}{3,}/iu.test(first.trim())) return true;
  return /^(?:box\s*)?\d{1,2}[a-h]?$/i.test(first.trim()) && /^\p{L}{3,}/u.test(second.trim());
}

/** Capitalised words printed labels use ("ZIP code", "TIN", "FATCA"). */
const LABEL_ACRONYMS = new Set(["zip", "tin", "ssn", "ein", "rtn", "fatca", "id", "us", "no"]);

/** A label that stops inside "(including apt. no.)" ends after the ")". */
export function closeParenthesis(cell: LayoutCell, start: number, end: number): number {
  const label = cell.text.slice(start, end);
  if ((label.match(/\(/g) ?? []).length <= (label.match(/\)/g) ?? []).length) return end;
  const close = /^[^()\n]{0,40}\)/.exec(cell.text.slice(end));
  return close ? end + close[0].length : end;
}

/**
 * Moves the label end over what printed labels add after the words we
 * matched on the same line: parentheticals ("(see instructions)"), stop words,
 * lower-case label words ("and telephone no."), punctuation.
 */
export function extendLabel(cell: LayoutCell, tokens: Token[], lastIndex: number, upperLabel: boolean): number {
  let end = tokens[lastIndex]!.end;
  const lineEnd = cell.lines[lineIndexAt(cell, end)]!.end;
  let k = lastIndex + 1;
  for (;;) {
    const paren = /^[\s.,:;/\-–—]*\([^()\n]{0,80}\)/.exec(cell.text.slice(end, lineEnd));
    if (paren) {
      end += paren[0].length;
      while (tokens[k] && tokens[k]!.start < end) k++;
      continue;
    }
    const t = tokens[k];
    if (!t || t.start >= lineEnd) break;
    if (/[^\s.,:;/\-–—]/.test(cell.text.slice(end, t.start))) break;
    const printedLower = !t.upper || t.norm === "and" || LABEL_ACRONYMS.has(t.norm);
    if (!(t.stop || isTailWord(t.norm)) || !(printedLower || upperLabel)) break;
    end = t.end;
    k++;
  }
  const trailing = /^[.:]/.exec(cell.text.slice(end, lineEnd));
  return trailing ? end + 1 : end;
}
