import { unionBox } from "../build-ocr-page.js";
import type { OcrLine, OcrWord } from "../types.js";
import type { Segment } from "./layout-types.js";
import { median, overlapY, wordEm } from "./text-metrics.js";

/** A gap wider than this many ems ends a segment (word spaces are ~0.3-1 em, even in monospace). */
const SPLIT_GAP_EM = 1.8;
/** A lone currency sign stays with the amount after it up to this gap (forms print "$   1,234.56"). */
const CURRENCY_GAP_EM = 5;
const CURRENCY = /^[$€£]$/;

/**
 * Drops what is almost always noise in Tesseract output of forms: rule lines read as "|",
 * low-confidence punctuation specks, and near-zero-confidence fragments of graphics.
 */
export function isNoiseWord(word: OcrWord): boolean {
  const text = word.text.trim();
  if (text === "" || /^[|¦]+$/.test(text)) return true;
  const hasAlnum = /[\p{L}\p{N}]/u.test(text);
  if (!hasAlnum && !CURRENCY.test(text) && word.confidence < 0.4) return true;
  return word.confidence < 0.1 && text.length <= 3;
}

/** Splits every OCR line into segments at wide gaps (and where words stop sharing a baseline). */
export function buildSegments(lines: readonly OcrLine[]): Segment[] {
  const segments: Segment[] = [];
  for (const line of lines) {
    const words = line.words.filter((w) => !isNoiseWord(w)).sort((a, b) => a.bbox.x0 - b.bbox.x0);
    if (words.length === 0) continue;
    const lineEm = median(words.map(wordEm));
    let current: OcrWord[] = [];
    for (const word of words) {
      const prev = current[current.length - 1];
      if (prev && startsNewSegment(prev, word, lineEm)) {
        segments.push(makeSegment(segments.length, current));
        current = [];
      }
      current.push(word);
    }
    segments.push(makeSegment(segments.length, current));
  }
  return joinAcrossLines(segments);
}

/**
 * Joins segments from different OCR lines that sit side by side on one baseline with only
 * a word gap between them (Tesseract sometimes puts a "$" and its amount, or two halves of a
 * phrase, on separate lines).
 */
function joinAcrossLines(segments: Segment[]): Segment[] {
  const pieces = [...segments].sort((a, b) => a.bbox.x0 - b.bbox.x0);
  const out: Segment[] = [];
  for (const piece of pieces) {
    const index = out.findIndex((left) => isBesideOnBaseline(left, piece));
    if (index < 0) out.push(piece);
    else out[index] = makeSegment((out[index] as Segment).id, [...(out[index] as Segment).words, ...piece.words]);
  }
  return out.sort((a, b) => a.id - b.id);
}

function isBesideOnBaseline(left: Segment, right: Segment): boolean {
  const last = left.words[left.words.length - 1] as OcrWord;
  const first = right.words[0] as OcrWord;
  const em = Math.max(left.em, right.em);
  // A little overlap is allowed: Tesseract may read one glyph into both ("$1" + "1,254.73").
  if (first.bbox.x0 < last.bbox.x1 - em || right.bbox.x0 < left.bbox.x0) return false;
  return !startsNewSegment(last, first, em);
}

function startsNewSegment(prev: OcrWord, word: OcrWord, lineEm: number): boolean {
  const gap = word.bbox.x0 - prev.bbox.x1;
  const minHeight = Math.min(prev.bbox.y1 - prev.bbox.y0, word.bbox.y1 - word.bbox.y0);
  if (overlapY(prev.bbox, word.bbox) < 0.3 * minHeight) return true;
  if (CURRENCY.test(prev.text.trim()) && gap <= CURRENCY_GAP_EM * lineEm) return false;
  return gap > SPLIT_GAP_EM * lineEm;
}

export function makeSegment(id: number, words: OcrWord[]): Segment {
  return {
    id,
    words,
    bbox: unionBox(words.map((w) => w.bbox)),
    em: median(words.map(wordEm)),
    text: words.map((w) => w.text.trim()).join(" "),
  };
}
