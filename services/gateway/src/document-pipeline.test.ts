import { create, type DescMethodUnary } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { ClassifyDocumentResponseSchema, type ClassifyDocumentRequest } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { ProcessDocumentRequestSchema } from "@docproc/gen/docproc/v1/document_service_pb.js";
import { ExtractDocumentResponseSchema, PromptMode, type ExtractDocumentRequest } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { NormalizedBoxSchema } from "@docproc/gen/docproc/v1/layout_pb.js";
import { describe, expect, it } from "vitest";
import type { BackendCallOptions, BackendClient } from "./backend-clients.js";
import { createDocumentPipeline } from "./document-pipeline.js";

/** A BackendClient answering `reply(request)`; records requests and options. */
function fakeBackend<Req>(name: string, reply: (request: Req) => unknown) {
  const seen: Array<{ request: Req; options: BackendCallOptions }> = [];
  const client = {
    name,
    seen,
    call: async (_method: DescMethodUnary, request: unknown, options: BackendCallOptions) => {
      seen.push({ request: request as Req, options });
      return reply(request as Req);
    },
    checkHealth: () => Promise.reject(new ConnectError("not used", Code.Unimplemented)),
    close: () => {},
  };
  return client as typeof client & BackendClient;
}

const document = { sources: [{ source: { case: "url" as const, value: "https://example.com/a.png" } }] };

function setup(classifiedAs: DocumentType) {
  const classify = fakeBackend<ClassifyDocumentRequest>("classify", () => create(ClassifyDocumentResponseSchema, { documentType: classifiedAs, confidence: 0.7 }));
  const extract = fakeBackend<ExtractDocumentRequest>("extract", (request) => create(ExtractDocumentResponseSchema, { documentType: request.documentType }));
  return { classify, extract, pipeline: createDocumentPipeline({ classify, extract }) };
}

describe("createDocumentPipeline", () => {
  it("classifies, then extracts as the type found, within one deadline", async () => {
    const { classify, extract, pipeline } = setup(DocumentType.BANK_STATEMENT);
    const response = await pipeline.process(
      create(ProcessDocumentRequestSchema, { document, promptMode: PromptMode.OCR, classifyPrompt: "hint" }),
      { timeoutMs: 5000, requestId: "r1" },
    );
    expect(classify.seen[0]?.request.prompt).toBe("hint");
    expect(extract.seen[0]?.request).toMatchObject({ documentType: DocumentType.BANK_STATEMENT, promptMode: PromptMode.OCR });
    expect(extract.seen[0]?.options.timeoutMs).toBeLessThanOrEqual(classify.seen[0]?.options.timeoutMs ?? 0);
    expect(extract.seen[0]?.options.requestId).toBe("r1");
    expect(response.classification?.confidence).toBeCloseTo(0.7);
    expect(response.extraction?.documentType).toBe(DocumentType.BANK_STATEMENT);
  });

  it("skips classification for a given type and passes a grounding box", async () => {
    const { classify, extract, pipeline } = setup(DocumentType.W2);
    const groundingBox = create(NormalizedBoxSchema, { xMin: 0.1, yMin: 0.1, xMax: 0.2, yMax: 0.2 });
    const response = await pipeline.process(
      create(ProcessDocumentRequestSchema, { document, documentType: DocumentType.CHECK, promptMode: PromptMode.GROUNDING_OCR }),
      { timeoutMs: 5000, groundingBox },
    );
    expect(classify.seen).toHaveLength(0);
    expect(response.classification).toBeUndefined();
    expect(extract.seen[0]?.request.groundingBox?.xMax).toBeCloseTo(0.2);
  });

  it("extracts as OTHER when the classifier cannot decide", async () => {
    const { extract, pipeline } = setup(DocumentType.UNSPECIFIED);
    await pipeline.process(create(ProcessDocumentRequestSchema, { document }), { timeoutMs: 5000 });
    expect(extract.seen[0]?.request.documentType).toBe(DocumentType.OTHER);
  });

  it("rejects a document without sources", async () => {
    const { pipeline } = setup(DocumentType.W2);
    await expect(pipeline.process(create(ProcessDocumentRequestSchema, {}), { timeoutMs: 5000 })).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: "document.sources: at least one source is required",
    });
  });
});
