import { create } from "@bufbuild/protobuf";
import { ClassifyDocumentResponseSchema } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { ProcessDocumentResponseSchema } from "@docproc/gen/docproc/v1/document_service_pb.js";
import { PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { describe, expect, it } from "vitest";
import { restClassifyResponse, restExtractRequest, restExtractResponse } from "./rest-mapping.js";

describe("REST mapping", () => {
  it("answers 'other' for an unset type and rounds float32 scores", () => {
    const body = restClassifyResponse(
      create(ClassifyDocumentResponseSchema, { confidence: 0.3333333432674408, scores: [{ documentType: DocumentType.FORM_1099_R, score: 0.3333333432674408 }] }),
      5,
    );
    expect(body).toMatchObject({ type: "other", confidence: 0.3333, scores: { "1099-R": 0.3333 }, latency_ms: 5, pages: [] });
  });

  it("gives data {} when no typed fields came back", () => {
    const body = restExtractResponse(create(ProcessDocumentResponseSchema, { extraction: { documentType: DocumentType.RECEIPT } }), 1);
    expect(body).toMatchObject({ data: {}, doc_type: "receipt", raw_ocr: { pages: [], markdown: "" }, failed_pages: [] });
  });

  it("builds a ProcessDocumentRequest with url and inline sources", () => {
    const { request, groundingBox } = restExtractRequest({
      sources: [
        { kind: "content", content: new Uint8Array([1, 2]), mediaType: "application/pdf" },
        { kind: "url", url: "https://example.com/a.png" },
      ],
      documentType: DocumentType.FORM_1098,
      promptMode: PromptMode.GROUNDING_OCR,
      bbox: [0, 0, 0.5, 0.5],
    });
    expect(request.documentType).toBe(DocumentType.FORM_1098);
    expect(request.document?.sources.map((s) => s.source.case)).toEqual(["content", "url"]);
    expect(request.document?.sources[0]?.mediaType).toBe("application/pdf");
    expect(groundingBox?.xMax).toBe(0.5);
  });
});
