import type { OcrBox, OcrWord } from "../types.js";

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The lower of the two middle values (the smaller one of two). */
export function lowerMedian(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1] as number;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

const TALL = /[A-Z0-9bdfhiklt'"!?/\\#%&]/;
const DEEP = /[gjpqy]/;
const BOTH = /[()[\]{}|$@§Qj]/;

/**
 * The font size (em) a word's box implies. A box is as tall as the word's letters reach:
 * x-height only ("a", "use"), with ascenders or capitals, with descenders, or both.
 * Dividing by the typical share of the em makes "a", "Employee's" and "(EIN)" of one label
 * agree, so labels and values can be told apart by size.
 */
export function wordEm(word: OcrWord): number {
  const height = Math.max(1, word.bbox.y1 - word.bbox.y0);
  const text = word.text;
  const tall = TALL.test(text);
  const deep = DEEP.test(text);
  const share = BOTH.test(text) || (tall && deep) ? 0.95 : tall || deep ? 0.72 : 0.5;
  return height / share;
}

/** Mostly digits: amounts, dates, quantities, ids. */
export function isNumericLike(text: string): boolean {
  const digits = (text.match(/[0-9]/g) ?? []).length;
  const letters = (text.match(/[A-Za-z]/g) ?? []).length;
  return digits > 0 && digits >= letters;
}

export function overlapX(a: Pick<OcrBox, "x0" | "x1">, b: Pick<OcrBox, "x0" | "x1">): number {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
}

export function overlapY(a: OcrBox, b: OcrBox): number {
  return Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
}

export function centerX(b: OcrBox): number {
  return (b.x0 + b.x1) / 2;
}

export function centerY(b: OcrBox): number {
  return (b.y0 + b.y1) / 2;
}

/** Mean word confidence, 0..1. */
export function meanConfidence(words: readonly OcrWord[]): number {
  return mean(words.map((w) => w.confidence));
}
