/**
 * Text normalisation and phrase search for OCR output. Hand-written rather than a fuzzy-search
 * library because the need is narrow (a few dozen phrases, word-aligned, edit distance ≤ 2) and a
 * banded edit distance with a length pre-filter keeps a whole page under a few milliseconds.
 */

/**
 * The "flat" form every rule is matched against: lowercase, typographic dashes/quotes folded,
 * "@" and "#" kept as their own words (receipt and invoice cues), every other run of
 * non-alphanumerics collapsed to one space. "Employee's" → "employee s", "W-2" → "w 2".
 */
export function flattenText(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u2018\u2019\u201a\u201b]/g, "'")
    .replace(/([@#])/g, " $1 ")
    .replace(/[^a-z0-9@#]+/g, " ")
    .trim()} `;
}

/** Exact, word-aligned occurrences of a flat phrase in flat text (both from flattenText). */
export function countExact(flat: string, phrase: string): number {
  const needle = ` ${phrase.trim()} `;
  let count = 0;
  let from = 0;
  for (;;) {
    const at = flat.indexOf(needle, from);
    if (at === -1) return count;
    count += 1;
    from = at + needle.length - 1;
  }
}

/**
 * Edit distance between a and b when it is at most `max`, else max + 1. Only the diagonal band of
 * width 2·max+1 is computed, and the scan stops as soon as a whole row exceeds `max`.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    current.fill(max + 1);
    current[0] = i;
    let rowMin = i <= max ? i : max + 1;
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j - 1]! + cost, previous[j]! + 1, current[j - 1]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length]!, max + 1);
}

/**
 * The edit budget of a phrase: OCR misreads about one character in ten on a poor scan, but short
 * phrases must match exactly or "rents" would match "cents".
 */
export function editBudget(phrase: string): number {
  const length = phrase.replace(/ /g, "").length;
  if (length >= 24) return 3;
  if (length >= 16) return 2;
  if (length >= 8) return 1;
  return 0;
}

/**
 * True when some run of words in the text is within the phrase's edit budget, spaces ignored, so
 * that OCR-merged ("wageandtax") or split ("state ment") words still match. Runs of up to n+1 words
 * are tried for an n-word phrase, only those whose joined length is within the budget.
 */
export function containsFuzzy(words: readonly string[], phrase: string): boolean {
  const max = editBudget(phrase);
  if (max === 0) return false;
  const target = phrase.replace(/ /g, "");
  const n = phrase.split(" ").length;
  for (let start = 0; start < words.length; start++) {
    let window = "";
    for (let size = 1; size <= n + 1 && start + size <= words.length; size++) {
      window += words[start + size - 1];
      if (window.length < target.length - max) continue;
      if (window.length > target.length + max) break;
      if (boundedEditDistance(window, target, max) <= max) return true;
    }
  }
  return false;
}
