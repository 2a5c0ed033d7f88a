import type { Logger } from "@docproc/common";

/** A rectangle in the pixels of the image given to the OCR engine, origin top-left. */
export interface OcrBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One recognised word. */
export interface OcrWord {
  text: string;
  /** 0..1. */
  confidence: number;
  bbox: OcrBox;
}

/** One text line as the engine found it; a line can span two columns that share a baseline. */
export interface OcrLine {
  /** The words joined by single spaces. */
  text: string;
  /** 0..1, the engine's line confidence. */
  confidence: number;
  bbox: OcrBox;
  words: OcrWord[];
}

/** The OCR result of one image; coordinates are in the pixels of that image. */
export interface OcrPage {
  width: number;
  height: number;
  /** In the engine's reading order. */
  lines: OcrLine[];
  /** The lines joined by "\n" (blocks separated by a blank line). */
  text: string;
}

/**
 * How Tesseract finds the text lines of a page.
 * - "single-column" (PSM 4, the default): one column of lines of varying size. Keeps a receipt's
 *   item and price on one line, and a paragraph's lines in order.
 * - "sparse-text" (PSM 11): every cluster of text on its own, in no particular order. Suits a
 *   low-resolution form, where PSM 4 joins tiny box labels and large values of neighbouring boxes
 *   into one line and the line recogniser then loses the labels. The layout step regroups words
 *   into rows, so reading order does not depend on it.
 */
export type PageSegmentation = "single-column" | "sparse-text";

export interface RecognizeOptions {
  /** Default "single-column". */
  segmentation?: PageSegmentation;
}

/** A pool of OCR workers. Never touches the network. */
export interface OcrEngine {
  /** "tesseract.js-7" or "tesseract-cli-<version>". */
  readonly id: string;
  /** How many pages it can recognise at once (the pool size). */
  readonly workers: number;
  /**
   * Reads one PNG. When `signal` aborts the promise rejects at once with a
   * Canceled/DeadlineExceeded ConnectError; the worker finishes in the background.
   * `options.segmentation` picks Tesseract's page segmentation for this page only.
   */
  recognize(png: Buffer, signal?: AbortSignal, options?: RecognizeOptions): Promise<OcrPage>;
  /** Starts every worker and runs one tiny recognition so the first page is not slow. */
  warmup(): Promise<void>;
  /** Stops the workers; later calls to recognize reject with Unavailable. */
  close(): Promise<void>;
}

/** Options of createOcrEngine. */
export interface OcrEngineOptions {
  /** Pool size; one worker per CPU core is the sweet spot (each is single-threaded). */
  workers: number;
  logger?: Logger;
  /** Default true: use the native `tesseract` CLI when it is on PATH (about 2x faster). */
  preferNative?: boolean;
  /** The native binary to try; default "tesseract", found through PATH. */
  tesseractBinary?: string;
}
