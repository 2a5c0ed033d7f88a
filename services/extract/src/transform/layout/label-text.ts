/** A word of a cell's text, normalized for label matching. */
export interface Token {
  /** Lower case, apostrophes and dots dropped ("Employer's" → "employers", "U.S." → "us"). */
  norm: string;
  /** Offsets in the cell text. */
  start: number;
  end: number;
  /** True when the printed word has no lower-case letter (labels in capitals, codes, box ids). */
  upper: boolean;
  /** True for words that carry no label meaning ("and", "of"...). */
  stop: boolean;
}

const STOP_WORDS = new Set(["and", "or", "the", "of", "on", "in", "for", "to", "by", "with", "from", "at", "an", "is", "are", "as"]);

// Dotted abbreviations ("U.S.") first, then words with inner apostrophes, then "&", "$", "%", "#".
const WORD = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:['’`][\p{L}]+)*|[&$%#]/gu;

/** Splits text into normalized tokens with offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const norm = raw.toLowerCase().replace(/['’`.]/g, "").replace(/^&$/, "and");
    tokens.push({ norm, start: m.index, end: m.index + raw.length, upper: !/\p{Ll}/u.test(raw), stop: STOP_WORDS.has(norm) });
  }
  return tokens;
}

/** Normalizes a label phrase into the tokens a match must find (stop words dropped). */
export function labelTokens(phrase: string): string[] {
  return tokenize(phrase)
    .filter((t) => !t.stop)
    .map((t) => t.norm);
}

/**
 * How well a printed word matches a label word, 0 (no match) to 1. Accepts
 * plurals and possessives, abbreviations ("comp" for "compensation", "distr"
 * for "distributions") and one OCR slip in words of 5+ letters (two in 8+).
 * Numbers must match exactly.
 */
export function wordMatch(printed: string, label: string): number {
  if (printed === label) return 1;
  if (/\d/.test(printed) || /\d/.test(label)) return 0;
  if (printed === `${label}s` || label === `${printed}s`) return 0.95;
  const [short, long] = printed.length < label.length ? [printed, label] : [label, printed];
  if (short.length >= 3 && long.startsWith(short)) return 0.85;
  if (short.length >= 5) {
    const d = editDistance(printed, label, 2);
    if (d === 1) return 0.8;
    if (d === 2 && short.length >= 8) return 0.7;
  }
  return 0;
}

/** Levenshtein distance, giving up (returning max + 1) once it exceeds max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** A label phrase found among a cell's tokens. */
export interface PhraseMatch {
  /** Index (in the token list) of the first and last matched token. */
  first: number;
  last: number;
  /** Share of the phrase's words found, 0..1. */
  coverage: number;
  /** Mean word-match quality of the found words. */
  quality: number;
}

/**
 * Finds the best occurrence of a label phrase in the tokens. Words must come
 * in order; one stray printed word may sit inside the phrase and phrase words
 * may be missing (wrapped or reworded labels). Short phrases (1-2 words) must
 * match completely; longer ones need 70 % of their words. Relaxed matching
 * takes half the words (a label cut short, confirmed by its box id).
 */
export function matchPhrase(tokens: readonly Token[], phrase: readonly string[], relaxed = false): PhraseMatch | undefined {
  const m = phrase.length;
  if (m === 0) return undefined;
  const words = tokens.map((t, i) => ({ t, i })).filter((w) => !w.t.stop);
  let best: PhraseMatch | undefined;
  for (let s = 0; s < words.length; s++) {
    for (const startWord of m >= 3 ? [0, 1] : [0]) {
      const q0 = wordMatch(words[s]!.t.norm, phrase[startWord]!);
      if (q0 === 0) continue;
      let j = startWord + 1;
      let k = s + 1;
      let matched = 1;
      let qsum = q0;
      let last = s;
      let strays = 0;
      while (j < m && k < words.length) {
        const q = wordMatch(words[k]!.t.norm, phrase[j]!);
        if (q > 0) {
          matched++;
          qsum += q;
          last = k;
          j++;
          k++;
        } else if (strays === 0 && k + 1 < words.length && wordMatch(words[k + 1]!.t.norm, phrase[j]!) > 0) {
          strays++;
          k++;
        } else {
          // Phrase words the print leaves out ("Employee contributions or insurance premiums").
          const skip = [1, 2].find((d) => j + d < m && wordMatch(words[k]!.t.norm, phrase[j + d]!) > 0);
          if (skip === undefined) break;
          j += skip;
        }
      }
      const coverage = matched / m;
      const ok = relaxed ? coverage >= 0.5 : m <= 2 ? matched === m : coverage >= 0.7 && matched >= 2;
      if (!ok) continue;
      const cand = { first: words[s]!.i, last: words[last]!.i, coverage, quality: qsum / matched };
      if (!best || cand.coverage * cand.quality > best.coverage * best.quality) best = cand;
    }
  }
  return best;
}
