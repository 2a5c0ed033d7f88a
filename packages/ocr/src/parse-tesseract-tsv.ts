import { buildOcrPage, lineFromWords } from "./build-ocr-page.js";
import type { OcrLine, OcrPage, OcrWord } from "./types.js";

const WORD_LEVEL = "5";

/**
 * Maps `tesseract … tsv` output onto OcrPage. Columns: level page block par line word left
 * top width height conf text; level-5 rows are words (conf 0..100), and the block/par/line
 * numbers give the hierarchy, so lines are rebuilt from their words.
 */
export function parseTesseractTsv(tsv: string, width: number, height: number): OcrPage {
  const blocks = new Map<string, Map<string, OcrWord[]>>();
  for (const row of tsv.split("\n")) {
    const cols = row.replace(/\r$/, "").split("\t");
    if (cols.length < 12 || cols[0] !== WORD_LEVEL) continue;
    const [, , block = "", par = "", line = "", , left, top, w, h, conf] = cols;
    const text = cols.slice(11).join("\t").trim();
    if (text === "") continue;
    const x0 = Number(left);
    const y0 = Number(top);
    const word: OcrWord = {
      text,
      confidence: Math.min(1, Math.max(0, Number(conf) / 100 || 0)),
      bbox: { x0, y0, x1: x0 + Number(w), y1: y0 + Number(h) },
    };
    if (![x0, y0, word.bbox.x1, word.bbox.y1].every(Number.isFinite)) continue;
    let lines = blocks.get(block);
    if (!lines) blocks.set(block, (lines = new Map()));
    const key = `${par}:${line}`;
    const words = lines.get(key);
    if (words) words.push(word);
    else lines.set(key, [word]);
  }
  const grouped: OcrLine[][] = [];
  for (const lines of blocks.values()) {
    grouped.push([...lines.values()].flatMap((words) => lineFromWords(words) ?? []));
  }
  return buildOcrPage(width, height, grouped);
}
