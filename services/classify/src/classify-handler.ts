import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { documentTypeLabel, type Logger } from "@docproc/common";
import {
  ClassScoreSchema,
  ClassifyDocumentResponseSchema,
  PageClassificationSchema,
  type ClassScore,
  type ClassifyDocumentRequest,
  type ClassifyDocumentResponse,
} from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import type { PageLoader, PageRangeInput, SourceInput } from "@docproc/ingest";
import { combinePageVerdicts, type PageOutcome } from "./combine-page-verdicts.js";
import type { ClassifyEngine } from "./engine.js";

export interface ClassifyHandlerDeps {
  engine: ClassifyEngine;
  pageLoader: PageLoader;
  /** Leading pages classified when the request's max_pages is 0 (CLASSIFY_MAX_PAGES). */
  maxPages: number;
  logger: Logger;
}

export type ClassifyHandler = (
  request: ClassifyDocumentRequest,
  ctx: { signal: AbortSignal; logger: Logger },
) => Promise<ClassifyDocumentResponse>;

function sourcesOf(request: ClassifyDocumentRequest): { sources: SourceInput[]; pageRange: PageRangeInput | undefined } {
  const document = request.document;
  if (!document) throw new ConnectError("document is required", Code.InvalidArgument);
  if (document.sources.length === 0) throw new ConnectError("document.sources: at least one source is required", Code.InvalidArgument);
  const sources = document.sources.map((source, index): SourceInput => {
    const hint = source.mediaType ? { mediaType: source.mediaType } : {};
    if (source.source.case === "url") return { url: source.source.value, ...hint };
    if (source.source.case === "content") return { content: source.source.value, ...hint };
    throw new ConnectError(`document.sources[${index}]: url or content is required`, Code.InvalidArgument);
  });
  const range = document.pageRange;
  return { sources, pageRange: range ? { firstPage: range.firstPage, lastPage: range.lastPage } : undefined };
}

/** Scores highest first; ties in DocumentType order so responses are stable. */
function sortedScores(scores: ReadonlyMap<DocumentType, number> | undefined): ClassScore[] {
  if (!scores) return [];
  return [...scores]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([documentType, score]) => create(ClassScoreSchema, { documentType, score }));
}

function abortError(signal: AbortSignal): ConnectError {
  const reason: unknown = signal.reason;
  if (reason instanceof ConnectError) return reason;
  const timedOut = reason instanceof Error && reason.name === "TimeoutError";
  return new ConnectError(timedOut ? "deadline exceeded" : "request cancelled", timedOut ? Code.DeadlineExceeded : Code.Canceled);
}

/**
 * ClassifyService.ClassifyDocument: loads the document, classifies its first pages concurrently,
 * combines them and reports every page (failed ones with their error). The loaded document is
 * always closed.
 */
export function createClassifyHandler(deps: ClassifyHandlerDeps): ClassifyHandler {
  return async (request, ctx) => {
    const started = performance.now();
    const { sources, pageRange } = sourcesOf(request);
    if (request.maxPages < 0) throw new ConnectError("max_pages must be 0 or more", Code.InvalidArgument);
    const limit = request.maxPages > 0 ? request.maxPages : deps.maxPages;

    const document = await deps.pageLoader.load(sources, pageRange, ctx.signal);
    try {
      const pages = document.pages.slice(0, Math.max(1, limit));
      const outcomes: PageOutcome[] = await Promise.all(
        pages.map(async (page): Promise<PageOutcome> => {
          try {
            return { pageIndex: page.index, verdict: await deps.engine.classifyPage(page, { prompt: request.prompt }, ctx.signal) };
          } catch (error) {
            return { pageIndex: page.index, error: ConnectError.from(error) };
          }
        }),
      );
      // A deadline or cancellation ends the whole call, even if some pages made it.
      if (ctx.signal.aborted) throw abortError(ctx.signal);
      const combined = combinePageVerdicts(outcomes);
      const latencyMs = Math.round(performance.now() - started);
      ctx.logger.info(
        {
          pages: outcomes.length,
          failedPages: outcomes.filter((outcome) => outcome.error).length,
          documentType: documentTypeLabel(combined.documentType),
          confidence: Number(combined.confidence.toFixed(4)),
          pagesDisagree: combined.pagesDisagree,
          engine: deps.engine.kind,
          latencyMs,
        },
        "document classified",
      );
      return create(ClassifyDocumentResponseSchema, {
        documentType: combined.documentType,
        confidence: combined.confidence,
        reasoning: combined.reasoning,
        scores: sortedScores(combined.scores),
        pages: outcomes.map((outcome) =>
          create(PageClassificationSchema, {
            pageIndex: outcome.pageIndex,
            documentType: outcome.verdict?.documentType ?? DocumentType.UNSPECIFIED,
            confidence: outcome.verdict?.scores?.get(outcome.verdict.documentType) ?? 0,
            scores: sortedScores(outcome.verdict?.scores),
            error: outcome.error ? outcome.error.rawMessage : "",
          }),
        ),
        pagesDisagree: combined.pagesDisagree,
        confidenceSource: combined.confidenceSource,
        modelId: deps.engine.modelId,
        engine: deps.engine.kind,
        pageCount: document.pages.length,
        latencyMs: BigInt(latencyMs),
      });
    } finally {
      // A close failure leaks a resource of the process, not of this request: the service logger.
      await document.close().catch((error: unknown) => deps.logger.warn({ err: ConnectError.from(error).rawMessage }, "closing a document failed"));
    }
  };
}
