import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { codeFromString } from "@connectrpc/connect/protocol-connect";
import { documentTypeLabel, type DocprocMetrics, type InflightLimit, type Logger, serverBusyError } from "@docproc/common";
import { DocumentType, type Document } from "@docproc/gen/docproc/v1/document_pb.js";
import {
  ExtractDocumentResponseSchema,
  PageStatus,
  PromptMode,
  type ExtractDocumentRequest,
  type ExtractDocumentResponse,
  type PageResult,
} from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { NormalizedBox } from "@docproc/gen/docproc/v1/layout_pb.js";
import type { TypedDocument } from "@docproc/gen/docproc/v1/typed_document_pb.js";
import { FieldStatus, Severity, type FieldMeta, type ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import type { PageLoader, PageRangeInput, SourceInput } from "@docproc/ingest";
import type { ExtractEngine } from "./engine.js";
import { readEachPage } from "./read-each-page.js";
import type { Transformer } from "./transform/transform-types.js";

/** What the extract handler needs. */
export interface ExtractHandlerDeps {
  engine: ExtractEngine;
  pageLoader: PageLoader;
  transform: Transformer;
  /** Masks SSNs, TINs and account numbers in text (maskIdentifiers from ./fields). */
  maskIdentifiers: (text: string) => string;
  logger: Logger;
  /**
   * Pages in flight across calls (EXTRACT_MAX_INFLIGHT_PAGES): a document is
   * admitted once its page count is known, or refused RESOURCE_EXHAUSTED;
   * each page gives its slot back as soon as it is read.
   */
  pageAdmission?: InflightLimit;
  /** Counts pages by status and refused documents. */
  metrics?: Pick<DocprocMetrics, "countPage" | "countRejected">;
}

/** The per-call context the handler uses (a subset of common's CallContext). */
export interface ExtractCallContext {
  signal: AbortSignal;
  logger: Logger;
}

export type ExtractHandler = (request: ExtractDocumentRequest, ctx: ExtractCallContext) => Promise<ExtractDocumentResponse>;

/** A found field below this confidence sends the document to review. */
const LOW_FIELD_CONFIDENCE = 0.5;

/**
 * ExtractDocument: validate, load pages, read them with the engine, build
 * typed fields (LAYOUT_ALL with a document type), mask identifiers, and say
 * whether a person should review the result.
 */
export function createExtractHandler(deps: ExtractHandlerDeps): ExtractHandler {
  return async (request, ctx) => {
    const startedAt = performance.now();
    const document = validateRequest(request);
    const loaded = await deps.pageLoader.load(toSources(document), toPageRange(document), ctx.signal);
    try {
      const admission = deps.pageAdmission;
      if (admission && !admission.tryAcquire(loaded.pages.length)) {
        deps.metrics?.countRejected("pages");
        throw serverBusyError(admission.inFlight, "pages");
      }
      const pages = await readEachPage(
        deps.engine,
        { pages: loaded.pages, promptMode: request.promptMode, groundingBox: request.groundingBox },
        ctx.signal,
        () => admission?.release(1),
      );
      if (ctx.signal.aborted) throw ConnectError.from(ctx.signal.reason);
      countPages(deps, request.documentType, pages);
      const failed = pages.filter((page) => page.status === PageStatus.FAILED);
      if (pages.length > 0 && failed.length === pages.length) throw allPagesFailed(failed);

      const typed = wantsTypedFields(request) ? deps.transform(request.documentType, pages) : undefined;
      for (const page of pages) maskPage(page, deps.maskIdentifiers);
      const metas = typed ? collectFieldMetas(typed.fields) : [];
      const issues = typed?.issues ?? [];
      const okFraction = pages.length === 0 ? 0 : (pages.length - failed.length) / pages.length;
      if (failed.length > 0) ctx.logger.warn({ failedPages: failed.length, pages: pages.length }, "some pages failed");

      return create(ExtractDocumentResponseSchema, {
        documentType: request.documentType,
        fields: typed?.fields,
        validationIssues: issues,
        needsReview: needsReview(pages, issues, metas),
        confidence: meanConfidence(typed ? metas : undefined, pages) * okFraction,
        pages,
        failedPages: failed.map((page) => page.pageIndex),
        markdown: pages.map((page) => page.markdown).filter((text) => text.trim() !== "").join("\n\n"),
        pageCount: pages.length,
        modelId: deps.engine.modelId,
        engine: deps.engine.kind,
        latencyMs: BigInt(Math.round(performance.now() - startedAt)),
      });
    } finally {
      await loaded.close();
    }
  };
}

function countPages(deps: ExtractHandlerDeps, documentType: DocumentType, pages: PageResult[]): void {
  if (!deps.metrics) return;
  const type = documentTypeLabel(documentType) || "unspecified";
  for (const page of pages) deps.metrics.countPage(deps.engine.kind, type, (PageStatus[page.status] ?? "unspecified").toLowerCase());
}

function validateRequest(request: ExtractDocumentRequest): Document {
  const document = request.document;
  if (!document) throw invalid("document is required");
  if (document.sources.length === 0) throw invalid("document.sources must not be empty");
  document.sources.forEach((source, i) => {
    if (source.source.case === undefined) throw invalid(`document.sources[${i}]: url or content is required`);
  });
  const range = document.pageRange;
  if (range) {
    if (range.firstPage < 0) throw invalid("document.page_range.first_page must be >= 0");
    if (range.lastPage < 0) throw invalid("document.page_range.last_page must be >= 0");
    if (range.lastPage > 0 && range.firstPage > range.lastPage) {
      throw invalid("document.page_range.first_page must be <= last_page");
    }
  }
  if (DocumentType[request.documentType] === undefined) throw invalid(`document_type: unknown value ${request.documentType}`);
  if (PromptMode[request.promptMode] === undefined) throw invalid(`prompt_mode: unknown value ${request.promptMode}`);
  if (request.promptMode === PromptMode.GROUNDING_OCR) validateGroundingBox(request.groundingBox);
  return document;
}

function validateGroundingBox(box: NormalizedBox | undefined): void {
  if (!box) throw invalid("grounding_box is required with PROMPT_MODE_GROUNDING_OCR");
  for (const key of ["xMin", "yMin", "xMax", "yMax"] as const) {
    const value = box[key];
    if (!Number.isFinite(value) || value < 0 || value > 1) {
      throw invalid(`grounding_box.${snake(key)} must be between 0 and 1`);
    }
  }
  if (box.xMin >= box.xMax) throw invalid("grounding_box.x_min must be less than x_max");
  if (box.yMin >= box.yMax) throw invalid("grounding_box.y_min must be less than y_max");
}

function toSources(document: Document): SourceInput[] {
  return document.sources.map((source) => ({
    ...(source.source.case === "url" ? { url: source.source.value } : {}),
    ...(source.source.case === "content" ? { content: source.source.value } : {}),
    ...(source.mediaType ? { mediaType: source.mediaType } : {}),
  }));
}

function toPageRange(document: Document): PageRangeInput | undefined {
  const range = document.pageRange;
  if (!range || (range.firstPage === 0 && range.lastPage === 0)) return undefined;
  return { firstPage: range.firstPage, lastPage: range.lastPage };
}

function wantsTypedFields(request: ExtractDocumentRequest): boolean {
  const layoutAll = request.promptMode === PromptMode.UNSPECIFIED || request.promptMode === PromptMode.LAYOUT_ALL;
  return layoutAll && request.documentType !== DocumentType.UNSPECIFIED;
}

/**
 * Every page failed: answer with the first page's error. Engines write a
 * ConnectError's message ("[unavailable] model unreachable") into the page
 * error, so its code is reused when present; otherwise UNAVAILABLE.
 */
function allPagesFailed(failed: PageResult[]): ConnectError {
  const first = failed[0]?.error ?? "";
  const code = codeFromString(/\[([a-z_]+)\]/.exec(first)?.[1] ?? "") ?? Code.Unavailable;
  return new ConnectError(`all ${failed.length} pages failed; first: ${first || "no reason given"}`, code);
}

function maskPage(page: PageResult, mask: (text: string) => string): void {
  page.markdown = mask(page.markdown);
  for (const element of page.elements) {
    element.text = mask(element.text);
    for (const row of element.table?.rows ?? []) {
      for (const cell of row.cells) cell.text = mask(cell.text);
    }
  }
}

/** Every FieldMeta in the typed document, found by walking the message tree. */
function collectFieldMetas(fields: TypedDocument): FieldMeta[] {
  const out: FieldMeta[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== "object" || value === null || value instanceof Uint8Array) return;
    if ((value as { $typeName?: string }).$typeName === "docproc.v1.FieldMeta") {
      out.push(value as FieldMeta);
      return;
    }
    Object.values(value).forEach(visit);
  };
  visit(fields);
  return out;
}

/**
 * The mean confidence of the fields found; without typed fields, the mean
 * of the engine's element confidences (0 when it reported none).
 */
function meanConfidence(metas: FieldMeta[] | undefined, pages: PageResult[]): number {
  const values = metas
    ? metas.filter((meta) => meta.status === FieldStatus.PRESENT).map((meta) => meta.confidence)
    : pages.flatMap((page) => page.elements.map((element) => element.confidence)).filter((c) => c > 0);
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function needsReview(pages: PageResult[], issues: ValidationIssue[], metas: FieldMeta[]): boolean {
  return (
    issues.some((issue) => issue.severity === Severity.ERROR || issue.severity === Severity.WARNING) ||
    pages.some((page) => page.status === PageStatus.FAILED || page.status === PageStatus.REPAIRED) ||
    metas.some(
      (meta) =>
        meta.status === FieldStatus.ILLEGIBLE ||
        (meta.status === FieldStatus.PRESENT && meta.confidence < LOW_FIELD_CONFIDENCE),
    )
  );
}

function invalid(message: string): ConnectError {
  return new ConnectError(message, Code.InvalidArgument);
}

function snake(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
