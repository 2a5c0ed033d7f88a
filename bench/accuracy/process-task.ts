import { create, toJson } from "@bufbuild/protobuf";
import type { Client } from "@connectrpc/connect";
import { documentTypeLabel, parseDocumentTypeLabel } from "@docproc/common";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { type DocumentService, ProcessDocumentRequestSchema } from "@docproc/gen/docproc/v1/document_service_pb.js";
import { PageStatus } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { TypedDocumentSchema } from "@docproc/gen/docproc/v1/typed_document_pb.js";
import { describeError } from "../support/error-code.js";
import type { JsonObject } from "../extract/score.js";
import type { Task } from "./corpus-tasks.js";

/** What one document's ProcessDocument call gave. */
export interface TaskOutcome {
  set: Task["set"];
  id: string;
  docType: string;
  pages: number;
  /** The label the gateway answered ("" when the call failed). */
  predicted: string;
  correct: boolean;
  latencyMs: number;
  /** Code and message of a failed call. */
  error?: string;
  /** The typed fields as proto-named JSON ({"w2": {...}}), when extracted. */
  fields?: JsonObject;
  pageStatus: { ok: number; repaired: number; failed: number };
}

export interface ProcessOptions {
  timeoutMs: number;
  /** Send the true type, so only extraction is measured. */
  skipClassify: boolean;
}

/** Sends one task through DocumentService.ProcessDocument and records the result. */
export async function processTask(client: Client<typeof DocumentService>, task: Task, options: ProcessOptions): Promise<TaskOutcome> {
  const givenType = options.skipClassify ? (parseDocumentTypeLabel(task.docType) ?? DocumentType.UNSPECIFIED) : DocumentType.UNSPECIFIED;
  const request = create(ProcessDocumentRequestSchema, {
    document: { sources: task.sources.map((s) => ({ source: { case: "content" as const, value: s.bytes }, mediaType: s.mediaType })) },
    documentType: givenType,
  });
  const base = { set: task.set, id: task.id, docType: task.docType, pages: task.pages };
  const started = performance.now();
  try {
    const response = await client.processDocument(request, { timeoutMs: options.timeoutMs });
    const latencyMs = performance.now() - started;
    const type = response.classification?.documentType ?? response.extraction?.documentType ?? givenType;
    const predicted = documentTypeLabel(type);
    const pageStatus = { ok: 0, repaired: 0, failed: 0 };
    for (const page of response.extraction?.pages ?? []) {
      if (page.status === PageStatus.FAILED) pageStatus.failed += 1;
      else if (page.status === PageStatus.REPAIRED) pageStatus.repaired += 1;
      else pageStatus.ok += 1;
    }
    const fields = response.extraction?.fields
      ? (toJson(TypedDocumentSchema, response.extraction.fields, { useProtoFieldName: true }) as JsonObject)
      : undefined;
    return { ...base, predicted, correct: task.accept.includes(predicted), latencyMs, ...(fields ? { fields } : {}), pageStatus };
  } catch (error) {
    return {
      ...base,
      predicted: "",
      correct: false,
      latencyMs: performance.now() - started,
      error: describeError(error),
      pageStatus: { ok: 0, repaired: 0, failed: task.pages },
    };
  }
}
