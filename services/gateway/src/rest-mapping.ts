import { create, toJson, type JsonObject, type MessageInitShape } from "@bufbuild/protobuf";
import { documentTypeLabel } from "@docproc/common";
import {
  ClassifyDocumentRequestSchema,
  type ClassifyDocumentRequest,
  type ClassifyDocumentResponse,
} from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentSchema } from "@docproc/gen/docproc/v1/document_pb.js";
import {
  ProcessDocumentRequestSchema,
  type ProcessDocumentRequest,
  type ProcessDocumentResponse,
} from "@docproc/gen/docproc/v1/document_service_pb.js";
import { PageStatus, type ExtractDocumentResponse } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { NormalizedBoxSchema, type NormalizedBox } from "@docproc/gen/docproc/v1/layout_pb.js";
import { TypedDocumentSchema } from "@docproc/gen/docproc/v1/typed_document_pb.js";
import { ValidationIssueSchema } from "@docproc/gen/docproc/v1/values_pb.js";
import type { RestDocumentInput } from "./rest-request.js";

// REST shapes keep the seed's field names exactly (type, confidence,
// reasoning, latency_ms, data, doc_type, page_count) and add more. Page
// numbers in REST bodies are 1-based (raw_ocr.pages[].page, failed_pages,
// pages[].page), as in the seed's raw_ocr; the proto's page indexes are 0-based.

/** The proto Document of a REST request. */
export function restDocument(input: RestDocumentInput) {
  return create(DocumentSchema, {
    sources: input.sources.map((source) =>
      source.kind === "url"
        ? { source: { case: "url" as const, value: source.url } }
        : { source: { case: "content" as const, value: source.content }, mediaType: source.mediaType },
    ),
  });
}

/** POST /v1/classify → ClassifyDocumentRequest. */
export function restClassifyRequest(input: RestDocumentInput): ClassifyDocumentRequest {
  return create(ClassifyDocumentRequestSchema, { document: restDocument(input), prompt: input.prompt ?? "" });
}

/**
 * POST /v1/extract → ProcessDocumentRequest (classification is skipped when
 * doc_type is given). `prompt` is accepted for compatibility and not used:
 * the system we replace ignored it too, and it is not a classification prompt.
 */
export function restExtractRequest(input: RestDocumentInput): { request: ProcessDocumentRequest; groundingBox?: NormalizedBox } {
  const init: MessageInitShape<typeof ProcessDocumentRequestSchema> = {
    document: restDocument(input),
    promptMode: input.promptMode,
  };
  if (input.documentType !== undefined) init.documentType = input.documentType;
  const request = create(ProcessDocumentRequestSchema, init);
  if (input.bbox === undefined) return { request };
  const [xMin, yMin, xMax, yMax] = input.bbox;
  return { request, groundingBox: create(NormalizedBoxSchema, { xMin, yMin, xMax, yMax }) };
}

/** ClassifyDocumentResponse → the REST classify body. */
export function restClassifyResponse(response: ClassifyDocumentResponse, latencyMs: number): JsonObject {
  return {
    type: documentTypeLabel(response.documentType) || "other",
    confidence: round(response.confidence),
    reasoning: response.reasoning,
    latency_ms: latencyMs,
    scores: Object.fromEntries(response.scores.map((s) => [documentTypeLabel(s.documentType), round(s.score)])),
    pages: response.pages.map((page) => ({
      page: page.pageIndex + 1,
      type: documentTypeLabel(page.documentType) || null,
      confidence: round(page.confidence),
      ...(page.error ? { error: page.error } : {}),
    })),
    pages_disagree: response.pagesDisagree,
    page_count: response.pageCount,
    model: response.modelId,
    engine: response.engine,
  };
}

/** ProcessDocumentResponse → the REST extract body. */
export function restExtractResponse(response: ProcessDocumentResponse, latencyMs: number): JsonObject {
  const extraction = response.extraction as ExtractDocumentResponse;
  const body: JsonObject = {
    data: typedFields(extraction),
    confidence: round(extraction.confidence),
    doc_type: documentTypeLabel(extraction.documentType) || "other",
    page_count: extraction.pageCount,
    latency_ms: latencyMs,
    raw_ocr: {
      pages: extraction.pages.map((page) => ({
        page: page.pageIndex + 1,
        status: pageStatus(page.status),
        markdown: page.markdown,
        ...(page.error ? { error: page.error } : {}),
      })),
      markdown: extraction.markdown,
    },
    validation_issues: extraction.validationIssues.map((issue) => toJson(ValidationIssueSchema, issue, { useProtoFieldName: true })),
    needs_review: extraction.needsReview,
    failed_pages: extraction.failedPages.map((index) => index + 1),
    model: extraction.modelId,
    engine: extraction.engine,
  };
  if (response.classification) {
    body["classification"] = {
      type: documentTypeLabel(response.classification.documentType) || "other",
      confidence: round(response.classification.confidence),
    };
  }
  return body;
}

/** The fields of the typed document's one message, snake_case, proto JSON; {} when none. */
function typedFields(extraction: ExtractDocumentResponse): JsonObject {
  if (extraction.fields === undefined || extraction.fields.document.case === undefined) return {};
  const json = toJson(TypedDocumentSchema, extraction.fields, { useProtoFieldName: true }) as JsonObject;
  const inner = Object.values(json)[0];
  return inner !== null && typeof inner === "object" && !Array.isArray(inner) ? inner : {};
}

function pageStatus(status: PageStatus): string {
  switch (status) {
    case PageStatus.OK:
      return "ok";
    case PageStatus.REPAIRED:
      return "repaired";
    case PageStatus.FAILED:
      return "failed";
    default:
      return "unknown";
  }
}

/** float32 → 4 decimals, so REST bodies read 0.92, not 0.9200000166893005. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
