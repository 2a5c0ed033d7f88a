import type Tesseract from "tesseract.js";
import { buildOcrPage, lineFromWords } from "./build-ocr-page.js";
import type { OcrLine, OcrPage } from "./types.js";

/** Maps tesseract.js block output (confidences 0..100) onto the engine-neutral OcrPage. */
export function pageFromTesseractJs(data: Tesseract.Page, width: number, height: number): OcrPage {
  const blocks: OcrLine[][] = [];
  for (const block of data.blocks ?? []) {
    const lines: OcrLine[] = [];
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words = line.words.map((w) => ({
          text: w.text,
          confidence: clamp01(w.confidence / 100),
          bbox: { x0: w.bbox.x0, y0: w.bbox.y0, x1: w.bbox.x1, y1: w.bbox.y1 },
        }));
        const built = lineFromWords(words, clamp01(line.confidence / 100));
        if (built) lines.push(built);
      }
    }
    blocks.push(lines);
  }
  return buildOcrPage(width, height, blocks);
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
