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

/** A pool of OCR workers. Never touches the network. */
export interface OcrEngine {
  /** "tesseract.js-7" or "tesseract-cli-<version>". */
  readonly id: string;
  /** How many pages it can recognise at once (the pool size). */
  readonly workers: number;
  /**
   * Reads one PNG. When `signal` aborts the promise rejects at once with a
   * Canceled/DeadlineExceeded ConnectError; the worker finishes in the background.
   */
  recognize(png: Buffer, signal?: AbortSignal): Promise<OcrPage>;
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
