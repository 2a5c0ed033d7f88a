/** Words of a text for bag-of-words comparison: lower case, edge punctuation stripped. */
export function wordsOf(text: string): string[] {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}$#@%&]+|[^\p{L}\p{N}%]+$/gu, ""))
    .filter((word) => word.length > 0);
}

function counts(words: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const word of words) map.set(word, (map.get(word) ?? 0) + 1);
  return map;
}

/**
 * Bag-of-words agreement between the OCR text and the page's true text:
 * a true word counts as found as many times as the OCR text has it (order
 * and line breaks ignored, as the corpus README suggests for OCR scoring).
 */
export function wordAgreement(truthText: string, ocrText: string): { recall: number; precision: number; truthWords: number } {
  const truth = counts(wordsOf(truthText));
  const found = counts(wordsOf(ocrText));
  let matched = 0;
  for (const [word, n] of truth) matched += Math.min(n, found.get(word) ?? 0);
  const truthWords = [...truth.values()].reduce((a, b) => a + b, 0);
  const ocrWords = [...found.values()].reduce((a, b) => a + b, 0);
  return {
    recall: truthWords === 0 ? 1 : matched / truthWords,
    precision: ocrWords === 0 ? 0 : matched / ocrWords,
    truthWords,
  };
}
