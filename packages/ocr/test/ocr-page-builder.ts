import type { OcrLine, OcrPage, OcrWord } from "../src/types.js";

/** A word placed by the test: left edge and text; width follows from the font. */
export type PlacedWord = [x: number, text: string];

/** The share of the font size a word's box covers, as a real font renders it. */
function inkShare(text: string): number {
  const tall = /[A-Z0-9bdfhiklt'"!?/\\#%&]/.test(text);
  const deep = /[gjpqy]/.test(text);
  if (/[()[\]{}|$@]/.test(text) || (tall && deep)) return 0.95;
  return tall || deep ? 0.72 : 0.5;
}

/**
 * Builds OCR lines the way Tesseract reports them: word boxes as tall as their letters reach,
 * 0.55 em per character, baseline at `y + 0.8 * fontPx`.
 */
export function ocrLine(y: number, fontPx: number, words: PlacedWord[], confidence = 0.9): OcrLine {
  const baseline = y + 0.8 * fontPx;
  const ocrWords: OcrWord[] = words.map(([x, text]) => {
    const share = inkShare(text);
    const deep = /[gjpqy()[\]{}|$@]/.test(text);
    const height = Math.round(fontPx * share);
    const y1 = Math.round(deep ? baseline + 0.2 * fontPx : baseline);
    return { text, confidence, bbox: { x0: x, y0: y1 - height, x1: Math.round(x + 0.55 * fontPx * text.length), y1 } };
  });
  const x0 = Math.min(...ocrWords.map((w) => w.bbox.x0));
  const x1 = Math.max(...ocrWords.map((w) => w.bbox.x1));
  const y0 = Math.min(...ocrWords.map((w) => w.bbox.y0));
  const y1 = Math.max(...ocrWords.map((w) => w.bbox.y1));
  return { text: words.map((w) => w[1]).join(" "), confidence, bbox: { x0, y0, x1, y1 }, words: ocrWords };
}

/** Splits a phrase into words starting at x, one space (0.55 em) apart. */
export function phrase(x: number, text: string, fontPx: number): PlacedWord[] {
  const out: PlacedWord[] = [];
  let cursor = x;
  for (const word of text.split(" ")) {
    out.push([Math.round(cursor), word]);
    cursor += 0.55 * fontPx * (word.length + 1);
  }
  return out;
}

export function ocrPage(width: number, height: number, lines: OcrLine[]): OcrPage {
  return { width, height, lines, text: lines.map((l) => l.text).join("\n") };
}
