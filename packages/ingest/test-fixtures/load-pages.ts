import { readFileSync } from "node:fs";
import { createPageLoader } from "../src/create-page-loader.js";
import type { IngestOptions, LoadedDocument, PageRangeInput, SourceInput } from "../src/types.js";

/** A two-page Letter PDF with text, for the loader tests. */
export const twoPagePdf = readFileSync(new URL("./two-page-letter.pdf", import.meta.url));

/** The loader options the tests start from: small caps, public addresses only. */
export const testIngestOptions: IngestOptions = {
  fetchTimeoutMs: 5000,
  fetchMaxBytes: 5 * 1024 * 1024,
  maxPages: 10,
  maxPixelsPerPage: 60_000_000,
  allowPrivateNetworks: false,
  allowHttp: false,
};

/** Loads sources with testIngestOptions plus `extra`. */
export function loadPages(sources: SourceInput[], range?: PageRangeInput, extra: Partial<IngestOptions> = {}): Promise<LoadedDocument> {
  return createPageLoader({ ...testIngestOptions, ...extra }).load(sources, range);
}
