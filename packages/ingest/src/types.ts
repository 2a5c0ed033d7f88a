/** One input document part: exactly one of `url` (https:// or data:) or `content`. */
export interface SourceInput {
  url?: string;
  content?: Uint8Array;
  /** A hint only: the format is always sniffed from the bytes. */
  mediaType?: string;
}

/** 1-based inclusive over the concatenated pages of all sources; 0 means open-ended on that side. */
export interface PageRangeInput {
  firstPage: number;
  lastPage: number;
}

export interface IngestOptions {
  /** Per fetch, including redirects and the body. */
  fetchTimeoutMs: number;
  /** Per source, fetched or inline. */
  fetchMaxBytes: number;
  /** After range selection; more is ResourceExhausted. */
  maxPages: number;
  /** Decompression-bomb guard, checked from headers / PDF viewport before any decode. */
  maxPixelsPerPage: number;
  /** Lifts the private-address rule (dev/tests only). */
  allowPrivateNetworks: boolean;
  /** Allows plain http:// (dev/tests only). */
  allowHttp: boolean;
  /** Default 3. */
  maxRedirects?: number;
  /** Default 200; a page whose side would exceed 4500 px at that DPI is rendered at 72 DPI. */
  pdfDpi?: number;
}

export type PageFormat = "png" | "jpeg" | "webp" | "tiff" | "pdf";

export interface DecodedPage {
  /** 0-based page index in the concatenated document, before range selection. */
  index: number;
  width: number;
  height: number;
  /** From PNG pHYs / JPEG JFIF density / TIFF resolution / PDF render DPI, when known. */
  dpi: number | undefined;
  /** Encoded image sharp can read: PNG for PDF/TIFF renders, the original bytes for single-frame PNG/JPEG/WebP. */
  image: Buffer;
}

export interface PageHandle {
  index: number;
  sourceIndex: number;
  format: PageFormat;
  /** Lazy: PDF pages are rasterised only here, so callers can process and release pages one by one. */
  decode(signal?: AbortSignal): Promise<DecodedPage>;
}

export interface LoadedDocument {
  pages: PageHandle[];
  totalPages: number;
  close(): Promise<void>;
}

export interface PageLoader {
  load(sources: SourceInput[], pageRange: PageRangeInput | undefined, signal?: AbortSignal): Promise<LoadedDocument>;
}
