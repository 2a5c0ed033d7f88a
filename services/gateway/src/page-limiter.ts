import type { Document } from "@docproc/gen/docproc/v1/document_pb.js";

/** Caps the pages each API key has in flight. */
export interface PageLimiter {
  /**
   * Reserves `pages` for `keyName`: a release function (call it once the
   * request is done; extra calls do nothing), or undefined when the key would
   * go over its cap.
   */
  acquire(keyName: string, pages: number): (() => void) | undefined;
  /** Pages `keyName` has in flight now. */
  inFlight(keyName: string): number;
}

/**
 * A counter per key name. A request larger than the whole cap is counted as
 * the cap: it is admitted when the key has nothing else in flight and then
 * runs alone, rather than being refused forever (backends bound each document
 * with MAX_PAGES anyway). maxPagesPerKey 0 turns the cap off.
 */
export function createPageLimiter(options: {
  maxPagesPerKey: number;
  /** Told the total over all keys after every change (a metrics gauge). */
  onChange?: (totalPages: number) => void;
}): PageLimiter {
  const counts = new Map<string, number>();
  const cap = options.maxPagesPerKey;
  let total = 0;
  const add = (pages: number) => {
    total += pages;
    options.onChange?.(total);
  };
  return {
    acquire(keyName, pages) {
      const weight = cap > 0 ? Math.min(Math.max(1, pages), cap) : Math.max(1, pages);
      const current = counts.get(keyName) ?? 0;
      if (cap > 0 && current + weight > cap) return undefined;
      counts.set(keyName, current + weight);
      add(weight);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (counts.get(keyName) ?? weight) - weight;
        if (left > 0) counts.set(keyName, left);
        else counts.delete(keyName);
        add(-weight);
      };
    },
    inFlight: (keyName) => counts.get(keyName) ?? 0,
  };
}

/**
 * The pages a request is counted as, before any backend has seen it: one per
 * source. An image URL or inline image is one page; a PDF or TIFF source also
 * counts as one, because its page count is only known once a backend has
 * loaded it. The backend's page_count comes back when the work is done, too
 * late to matter for an in-flight cap, so it is not used to correct the count.
 */
export function requestPageCount(document: Document | undefined): number {
  return Math.max(1, document?.sources.length ?? 0);
}
