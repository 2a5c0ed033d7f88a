import { Code, ConnectError } from "@connectrpc/connect";
import { throwIfAborted } from "./abort-error.js";
import { createSafeFetcher } from "./create-safe-fetcher.js";
import { mapBounded } from "./map-bounded.js";
import { openImageSource } from "./open-image-source.js";
import { openPdfSource } from "./open-pdf-source.js";
import { prefixError } from "./prefix-error.js";
import { resolveSourceBytes } from "./resolve-source-bytes.js";
import { selectPageRange, validatePageRange } from "./select-page-range.js";
import { sniffFormat } from "./sniff-format.js";
import type { SourcePages } from "./source-pages.js";
import type { IngestOptions, LoadedDocument, PageHandle, PageLoader, PageRangeInput, SourceInput } from "./types.js";

/** How many sources are fetched and opened at once. */
const SOURCE_CONCURRENCY = 4;

async function closeAll(opened: readonly (SourcePages | undefined)[]): Promise<void> {
  await Promise.allSettled(opened.map((source) => source?.close()));
}

/**
 * Loads documents made of one or more sources (URLs, data: URLs, inline bytes) into lazily
 * decoded pages. Sources are fetched and opened concurrently; page sizes are checked against
 * the pixel cap up front, but no page is decoded until its handle's decode() is called.
 */
export function createPageLoader(options: IngestOptions): PageLoader {
  const fetcher = createSafeFetcher({
    timeoutMs: options.fetchTimeoutMs,
    maxBytes: options.fetchMaxBytes,
    allowPrivateNetworks: options.allowPrivateNetworks,
    allowHttp: options.allowHttp,
    maxRedirects: options.maxRedirects ?? 3,
  });
  const pdfDpi = options.pdfDpi ?? 200;

  async function openSource(source: SourceInput, signal: AbortSignal): Promise<SourcePages> {
    const bytes = await resolveSourceBytes(source, fetcher, options.fetchMaxBytes, signal);
    const format = sniffFormat(bytes);
    if (format === undefined) {
      throw new ConnectError("unsupported format (not PNG, JPEG, WebP, TIFF or PDF)", Code.InvalidArgument);
    }
    if (format === "pdf") return openPdfSource(bytes, { dpi: pdfDpi, maxPixelsPerPage: options.maxPixelsPerPage }, signal);
    return openImageSource(bytes, format, options.maxPixelsPerPage);
  }

  async function load(sources: SourceInput[], pageRange: PageRangeInput | undefined, signal?: AbortSignal): Promise<LoadedDocument> {
    if (!Array.isArray(sources) || sources.length === 0) {
      throw new ConnectError("document.sources: at least one source is required", Code.InvalidArgument);
    }
    validatePageRange(pageRange);
    throwIfAborted(signal, "load");

    const { values: opened, error } = await mapBounded(
      sources,
      SOURCE_CONCURRENCY,
      async (source, index, shared) => {
        try {
          return await openSource(source, shared);
        } catch (reason) {
          throw prefixError(reason, `sources[${index}]`);
        }
      },
      signal,
    );
    if (error !== undefined) {
      await closeAll(opened);
      throw error.reason;
    }
    const parts = opened as SourcePages[];

    try {
      // Global page index -> (source, page within source).
      const locations = parts.flatMap((part, sourceIndex) =>
        Array.from({ length: part.pageCount }, (_, localIndex) => ({ sourceIndex, localIndex })),
      );
      const totalPages = locations.length;
      const { first, last } = selectPageRange(pageRange, totalPages);
      const selected = last - first + 1;
      if (selected > options.maxPages) {
        throw new ConnectError(`document: ${selected} pages exceeds the limit of ${options.maxPages}`, Code.ResourceExhausted);
      }

      let closed = false;
      const pages: PageHandle[] = [];
      for (let index = first; index <= last; index++) {
        throwIfAborted(signal, "load");
        const { sourceIndex, localIndex } = locations[index] as { sourceIndex: number; localIndex: number };
        const part = parts[sourceIndex] as SourcePages;
        const prefix = `sources[${sourceIndex}]: page ${localIndex + 1}`;
        await part.checkPage(localIndex).catch((reason: unknown) => {
          throw prefixError(reason, prefix);
        });
        pages.push({
          index,
          sourceIndex,
          format: part.format,
          async decode(decodeSignal?: AbortSignal) {
            if (closed) throw new ConnectError("document: already closed", Code.FailedPrecondition);
            try {
              return { index, ...(await part.decodePage(localIndex, decodeSignal)) };
            } catch (reason) {
              throw prefixError(reason, prefix);
            }
          },
        });
      }

      return {
        pages,
        totalPages,
        async close() {
          if (closed) return;
          closed = true;
          await closeAll(parts);
        },
      };
    } catch (reason) {
      await closeAll(parts);
      throw reason;
    }
  }

  return { load };
}
