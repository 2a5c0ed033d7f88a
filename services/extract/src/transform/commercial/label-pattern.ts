/**
 * Label synonyms as tolerant patterns. A synonym is written in plain words
 * ("invoice number", "po number", "payments and credits"); spelling variants
 * are added here once instead of in every synonym list:
 *   - "number" and "#" also match "No.", "Num", "Nr", "N°", "#";
 *   - "po" matches "P.O.", "PO", "P O";
 *   - "and" matches "&", "/", "+" and a comma ("Deposits, credits and interest");
 *   - every word may take a plural "s"; words may be joined by spaces,
 *     hyphens, dots or nothing ("Sub-Total", "Subtotal", "Sub Total").
 */

/** A set of labels for one field, most specific first. */
export interface LabelSpec {
  labels: readonly string[];
  /** A line or cell matching this is never the field (e.g. "year-to-date" for a period amount). */
  reject?: RegExp;
}

/** A label found in a line. */
export interface LabelHit {
  start: number;
  end: number;
  /** Index of the synonym in the spec (lower is more specific). */
  priority: number;
  /** True when the label begins the line, a cell or a "Label: value" pair. */
  atStart: boolean;
}

const NUMBER = "(?:number|numbers|no\\.?|num\\.?|nr\\.?|n[°º]\\.?|#)";

function wordPattern(word: string): string {
  if (word === "number" || word === "#") return NUMBER;
  if (word === "po") return "p\\.?\\s?o\\.?";
  if (word === "and") return "(?:and|&|\\/|\\+|,)";
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return /[a-z]$/i.test(word) && !/s$/i.test(word) ? `${escaped}s?` : escaped;
}

const cache = new Map<string, RegExp>();

/** The pattern of one synonym (cached). */
export function labelRegex(phrase: string): RegExp {
  let re = cache.get(phrase);
  if (!re) {
    const body = phrase.trim().split(/\s+/).map(wordPattern).join("[\\s\\-./]*");
    re = new RegExp(`(?<![A-Za-z0-9])${body}(?:(?<=[#.°º])|(?![A-Za-z]))`, "gi");
    cache.set(phrase, re);
  }
  return re;
}

/** Every label of the spec found in the text, longest match per position, in text order. */
export function findLabels(text: string, spec: LabelSpec): LabelHit[] {
  const hits: LabelHit[] = [];
  spec.labels.forEach((phrase, priority) => {
    for (const m of text.matchAll(labelRegex(phrase))) {
      const start = m.index;
      const end = start + m[0].length;
      const overlapping = hits.findIndex((h) => start < h.end && end > h.start);
      if (overlapping >= 0) {
        const other = hits[overlapping]!;
        if (end - start <= other.end - other.start) continue;
        hits.splice(overlapping, 1);
      }
      hits.push({ start, end, priority, atStart: startsSegment(text, start) });
    }
  });
  return hits.sort((a, b) => a.start - b.start);
}

/**
 * True when nothing but separators precede the label in its segment: line
 * start, a table cell, after "|", "·", ":" or after a preceding value ("Due
 * Date: 09/01/2023 Minimum Payment Due: $56.00").
 */
function startsSegment(text: string, start: number): boolean {
  const before = text.slice(0, start).trimEnd();
  // Only punctuation before it (OCR quote marks, bullets): still the start.
  if (!/[A-Za-z0-9]/.test(before)) return true;
  return /[|·•:;,]$/.test(before) || /[\d)%]$/.test(before);
}

/** True when the whole text is one of the labels (a bare label cell or line). */
export function isExactly(text: string, spec: LabelSpec): boolean {
  const t = text.trim().replace(/[:#\s]+$/, "");
  return findLabels(t, spec).some((h) => h.start === 0 && h.end >= t.length);
}

/** True when any label of the spec occurs in the text. */
export function mentions(text: string, spec: LabelSpec): boolean {
  return findLabels(text, spec).length > 0;
}
