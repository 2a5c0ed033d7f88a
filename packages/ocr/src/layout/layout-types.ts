import type { OcrBox, OcrWord } from "../types.js";

/**
 * A run of words on one OCR line with no wide gap inside: a phrase, a label, a value or a
 * table cell. Lines are split into segments because Tesseract happily joins two columns
 * that share a baseline into one line.
 */
export interface Segment {
  /** Stable index, for sets and tie-breaks. */
  id: number;
  words: OcrWord[];
  bbox: OcrBox;
  /** Estimated font size (em) in pixels; see wordEm. */
  em: number;
  text: string;
}

/** Segments that sit on the same visual line, left to right. */
export interface Row {
  segments: Segment[];
  bbox: OcrBox;
  /** Lower median em of the segments: a rule line fused into one word's box cannot inflate it. */
  em: number;
}

/** A detected table: rows of cells (plain text), the first possibly a header. */
export interface TableRegion {
  rows: Array<{ cells: string[]; header: boolean }>;
  columnCount: number;
  bbox: OcrBox;
  words: OcrWord[];
  segments: Segment[];
}

/** A block of text lines (one segment per line), top to bottom. */
export interface TextBlock {
  segments: Segment[];
  bbox: OcrBox;
}
