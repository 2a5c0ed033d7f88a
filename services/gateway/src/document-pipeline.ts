import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { ClassifyService, ClassifyDocumentRequestSchema } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import {
  ProcessDocumentResponseSchema,
  type ProcessDocumentRequest,
  type ProcessDocumentResponse,
} from "@docproc/gen/docproc/v1/document_service_pb.js";
import { ExtractDocumentRequestSchema, ExtractService } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { NormalizedBox } from "@docproc/gen/docproc/v1/layout_pb.js";
import type { BackendCallOptions, BackendClient } from "./backend-clients.js";

/** Classify-then-extract, shared by DocumentService and the REST extract route. */
export interface DocumentPipeline {
  /**
   * Classifies (unless request.documentType is set), then extracts as the
   * type found. Both calls share one deadline: options.timeoutMs from now.
   * `groundingBox` is for REST grounding calls (ProcessDocument has no box).
   */
  process(
    request: ProcessDocumentRequest,
    options: BackendCallOptions & { groundingBox?: NormalizedBox },
  ): Promise<ProcessDocumentResponse>;
}

export function createDocumentPipeline(backends: { classify: BackendClient; extract: BackendClient }): DocumentPipeline {
  return {
    async process(request, options) {
      const startedAt = performance.now();
      const document = request.document;
      if (document === undefined || document.sources.length === 0) {
        throw new ConnectError("document.sources: at least one source is required", Code.InvalidArgument);
      }
      const deadlineAt = Date.now() + options.timeoutMs;
      const remaining = (): BackendCallOptions => ({ ...options, timeoutMs: Math.max(0, deadlineAt - Date.now()) });

      let documentType = request.documentType;
      let classification;
      if (documentType === DocumentType.UNSPECIFIED) {
        classification = await backends.classify.call(
          ClassifyService.method.classifyDocument,
          create(ClassifyDocumentRequestSchema, { document, prompt: request.classifyPrompt }),
          remaining(),
        );
        // A classifier that could not decide still gives the generic schema, as the system we replace did.
        documentType = classification.documentType === DocumentType.UNSPECIFIED ? DocumentType.OTHER : classification.documentType;
      }
      const extraction = await backends.extract.call(
        ExtractService.method.extractDocument,
        create(ExtractDocumentRequestSchema, {
          document,
          documentType,
          promptMode: request.promptMode,
          ...(options.groundingBox ? { groundingBox: options.groundingBox } : {}),
        }),
        remaining(),
      );
      return create(ProcessDocumentResponseSchema, {
        ...(classification ? { classification } : {}),
        extraction,
        latencyMs: BigInt(Math.round(performance.now() - startedAt)),
      });
    },
  };
}
