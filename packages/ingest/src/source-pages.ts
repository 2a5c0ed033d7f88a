import type { DecodedPage, PageFormat } from "./types.js";

/**
 * The pages of one opened source. Error messages from these methods carry no source or page
 * prefix; the loader adds "sources[i]: page n: ".
 */
export interface SourcePages {
  format: PageFormat;
  pageCount: number;
  /** Reads the page size from headers / the PDF viewport and enforces the pixel cap, without decoding. */
  checkPage(localIndex: number): Promise<void>;
  decodePage(localIndex: number, signal?: AbortSignal): Promise<Omit<DecodedPage, "index">>;
  close(): Promise<void>;
}

export function pixelCapMessage(width: number, height: number, maxPixels: number): string {
  return `${width}x${height} = ${width * height} pixels exceeds the limit of ${maxPixels}`;
}
