import type { OcrBox, OcrLine, OcrPage, OcrWord } from "./types.js";

/** The union of boxes; callers pass at least one. */
export function unionBox(boxes: readonly OcrBox[]): OcrBox {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x0);
    y0 = Math.min(y0, b.y0);
    x1 = Math.max(x1, b.x1);
    y1 = Math.max(y1, b.y1);
  }
  return { x0, y0, x1, y1 };
}

/** A line from its words (empty words dropped); undefined when no word is left. */
export function lineFromWords(words: readonly OcrWord[], confidence?: number): OcrLine | undefined {
  const kept = words.filter((w) => w.text.trim() !== "").map((w) => ({ ...w, text: w.text.trim() }));
  if (kept.length === 0) return undefined;
  const mean = kept.reduce((sum, w) => sum + w.confidence, 0) / kept.length;
  return {
    text: kept.map((w) => w.text).join(" "),
    confidence: confidence ?? mean,
    bbox: unionBox(kept.map((w) => w.bbox)),
    words: kept,
  };
}

/** An OcrPage from lines grouped by the engine's blocks; page text separates blocks with a blank line. */
export function buildOcrPage(width: number, height: number, blocks: readonly OcrLine[][]): OcrPage {
  const nonEmpty = blocks.filter((b) => b.length > 0);
  return {
    width,
    height,
    lines: nonEmpty.flat(),
    text: nonEmpty.map((b) => b.map((l) => l.text).join("\n")).join("\n\n"),
  };
}
