import { Code, ConnectError } from "@connectrpc/connect";
import type { PageRangeInput } from "./types.js";

function invalid(message: string): ConnectError {
  return new ConnectError(message, Code.InvalidArgument);
}

/** Checks the shape of a page range before anything is fetched. */
export function validatePageRange(range: PageRangeInput | undefined): void {
  if (range === undefined) return;
  for (const [field, value] of [["first_page", range.firstPage], ["last_page", range.lastPage]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw invalid(`page_range: ${field} must be a non-negative integer (got ${String(value)})`);
    }
  }
  if (range.firstPage !== 0 && range.lastPage !== 0 && range.firstPage > range.lastPage) {
    throw invalid(`page_range: first_page ${range.firstPage} is after last_page ${range.lastPage}`);
  }
}

/**
 * Turns a 1-based inclusive range (0 = open on that side) into 0-based inclusive indexes over
 * `totalPages`. A last_page beyond the end is clamped; a first_page beyond it is an error.
 */
export function selectPageRange(range: PageRangeInput | undefined, totalPages: number): { first: number; last: number } {
  validatePageRange(range);
  const firstPage = range?.firstPage || 1;
  const lastPage = Math.min(range?.lastPage || totalPages, totalPages);
  if (range !== undefined && range.firstPage > totalPages) {
    throw invalid(`page_range: first_page ${range.firstPage} exceeds the document's ${totalPages} pages`);
  }
  if (lastPage < firstPage) throw invalid("document: no pages to process");
  return { first: firstPage - 1, last: lastPage - 1 };
}
