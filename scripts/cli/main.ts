import { toJson, type JsonObject } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { documentTypeLabel, parseDocumentTypeLabel } from "@docproc/common";
import { ClassifyService, ClassifyDocumentResponseSchema, type ClassifyDocumentResponse } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentService, ProcessDocumentResponseSchema } from "@docproc/gen/docproc/v1/document_service_pb.js";
import {
  ExtractService,
  ExtractDocumentResponseSchema,
  PageStatus,
  PromptMode,
  type ExtractDocumentResponse,
} from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { TypedDocumentSchema } from "@docproc/gen/docproc/v1/typed_document_pb.js";
import { parseCliArgs } from "./cli-args.js";
import { formatFields } from "./format-fields.js";
import { readSource } from "./read-source.js";
import { startProgress } from "./progress.js";

/** Runs the CLI; returns the exit code. Only the entry point touches process. */
export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    const apiKey = env["DOCPROC_API_KEY"] ?? "";
    const withKey: Interceptor = (next) => (req) => {
      if (apiKey) req.header.set("x-api-key", apiKey);
      return next(req);
    };
    const transport = createConnectTransport({
      baseUrl: env["DOCPROC_URL"] ?? "http://localhost:8000",
      httpVersion: "1.1",
      interceptors: [withKey],
    });
    const { document, description } = await readSource(args.input);
    const documentType = args.documentType ? parseDocumentTypeLabel(args.documentType) : undefined;
    if (args.documentType && documentType === undefined) throw new Error(`--type: unknown document type '${args.documentType}'`);
    const promptMode = parsePromptMode(args.promptMode);
    const progress = startProgress(`${args.command} ${description}`);
    try {
      if (args.command === "classify") {
        const res = await createClient(ClassifyService, transport).classifyDocument({ document });
        progress.stop();
        print(args.json ? JSON.stringify(toJson(ClassifyDocumentResponseSchema, res, { useProtoFieldName: true }), null, 2) : describeClassification(res));
      } else if (args.command === "extract") {
        const res = await createClient(ExtractService, transport).extractDocument({ document, documentType, promptMode });
        progress.stop();
        print(args.json ? JSON.stringify(toJson(ExtractDocumentResponseSchema, res, { useProtoFieldName: true }), null, 2) : describeExtraction(res));
      } else {
        const res = await createClient(DocumentService, transport).processDocument({ document, documentType, promptMode });
        progress.stop();
        if (args.json) print(JSON.stringify(toJson(ProcessDocumentResponseSchema, res, { useProtoFieldName: true }), null, 2));
        else print([res.classification ? describeClassification(res.classification) : "", res.extraction ? describeExtraction(res.extraction) : ""].filter(Boolean).join("\n\n"));
      }
    } finally {
      progress.stop();
    }
    return 0;
  } catch (err) {
    process.stderr.write(`docproc: ${describeError(err)}\n`);
    return err instanceof ConnectError ? 1 : 2;
  }
}

function describeClassification(res: ClassifyDocumentResponse): string {
  const scores = res.scores.slice(0, 4).map((s) => `${documentTypeLabel(s.documentType)} ${s.score.toFixed(2)}`).join(", ");
  const lines = [
    `type: ${documentTypeLabel(res.documentType)}  (confidence ${res.confidence.toFixed(2)}, ${res.engine} ${res.modelId}, ${res.latencyMs} ms)`,
  ];
  if (scores) lines.push(`scores: ${scores}`);
  if (res.pagesDisagree) lines.push("warning: pages disagree on the type (a bundle of several documents?)");
  for (const page of res.pages) {
    lines.push(`page ${page.pageIndex + 1}: ${page.error ? `failed: ${page.error}` : `${documentTypeLabel(page.documentType)} ${page.confidence.toFixed(2)}`}`);
  }
  if (res.reasoning) lines.push(`reasoning: ${res.reasoning}`);
  return lines.join("\n");
}

function describeExtraction(res: ExtractDocumentResponse): string {
  const lines = [
    `${documentTypeLabel(res.documentType) || "layout"}: ${res.pageCount} page(s), confidence ${res.confidence.toFixed(2)}${res.needsReview ? ", needs review" : ""} (${res.engine} ${res.modelId}, ${res.latencyMs} ms)`,
  ];
  for (const page of res.pages) {
    if (page.status !== PageStatus.OK) lines.push(`page ${page.pageIndex + 1}: ${PageStatus[page.status]} ${page.error}`);
  }
  if (res.fields) {
    const json = toJson(TypedDocumentSchema, res.fields, { useProtoFieldName: true }) as JsonObject;
    for (const doc of Object.values(json)) {
      if (doc && typeof doc === "object" && !Array.isArray(doc)) lines.push(...formatFields(doc));
    }
  } else if (res.markdown) {
    lines.push(res.markdown);
  }
  for (const issue of res.validationIssues) lines.push(`check: ${issue.code}: ${issue.message}`);
  return lines.join("\n");
}

function parsePromptMode(text: string | undefined): PromptMode {
  if (!text) return PromptMode.UNSPECIFIED;
  const key = text.toUpperCase().replace(/^PROMPT_MODE_/, "").replace(/^GROUNDING$/, "GROUNDING_OCR");
  const mode = PromptMode[key as keyof typeof PromptMode];
  if (mode === undefined) throw new Error(`--mode: unknown prompt mode '${text}'`);
  return mode;
}

function describeError(err: unknown): string {
  if (err instanceof ConnectError) {
    const hint = err.code === Code.Unauthenticated ? " (set DOCPROC_API_KEY)" : err.code === Code.Unavailable ? " (is the gateway running? DOCPROC_URL)" : "";
    return `${Code[err.code]}: ${err.rawMessage}${hint}`;
  }
  return err instanceof Error ? err.message : String(err);
}

function print(text: string): void {
  process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}


