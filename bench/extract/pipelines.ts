import { create } from "@bufbuild/protobuf";
import { ConnectError } from "@connectrpc/connect";
import { callGrpcUnary, createLogger, type Logger } from "@docproc/common";
import type { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { ExtractService, PromptMode, type PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { type TypedDocument, TypedDocumentSchema } from "@docproc/gen/docproc/v1/typed_document_pb.js";
import { createPageLoader } from "@docproc/ingest";
import { Client, credentials } from "@grpc/grpc-js";
import type { Transformer } from "../../services/extract/src/transform/transform-types.js";
import { createDotsOcrEngine } from "../../services/extract/src/vlm/dots-ocr-engine.js";

/** What one document run produced. */
export interface PipelineResult {
  pages: PageResult[];
  fields: TypedDocument | undefined;
  /** Set when the whole call failed. */
  error?: ConnectError;
}

export interface Pipeline {
  /** "grpc" (the extract server in-process) or "direct" (engine + transformer). */
  readonly kind: string;
  /** False when no transformer was found, so typed fields cannot be scored. */
  readonly hasTransformer: boolean;
  run(pages: Buffer[], documentType: DocumentType): Promise<PipelineResult>;
  close(): Promise<void>;
}

export interface PipelineOptions {
  modelBaseUrl: string;
  model: string;
  pageConcurrency: number;
  logLevel: string;
}

const MIB = 1024 * 1024;
const INGEST = { fetchTimeoutMs: 15_000, fetchMaxBytes: 50 * MIB, maxPages: 100, maxPixelsPerPage: 80_000_000, allowPrivateNetworks: false, allowHttp: false };

/** The transformer, if its module exists yet (it is written separately). */
async function loadTransformer(): Promise<Transformer | undefined> {
  const path = "../../services/extract/src/transform/transform-document.js";
  const mod = (await import(path).catch(() => undefined)) as { transformDocument?: Transformer } | undefined;
  return mod?.transformDocument;
}

const noFields: Transformer = () => ({ fields: create(TypedDocumentSchema), issues: [] });

function logger(level: string): Logger {
  return createLogger({ service: "bench-extract", level, destination: process.stderr });
}

/** ExtractDocument calls through the real extract gRPC server (buildApp), pages sent inline. */
async function grpcPipeline(options: PipelineOptions, transform: Transformer | undefined): Promise<Pipeline | undefined> {
  const app = (await import("../../services/extract/src/app.js").catch(() => undefined)) as typeof import("../../services/extract/src/app.js") | undefined;
  if (!app?.buildApp) return undefined;
  const { loadConfig } = await import("../../services/extract/src/config.js");
  const { maskIdentifiers } = await import("../../services/extract/src/fields/index.js");
  const config = loadConfig({
    EXTRACT_PORT: "0",
    EXTRACT_METRICS_PORT: "0",
    EXTRACT_ENGINE: "vlm",
    EXTRACT_VLM_BASE_URL: options.modelBaseUrl,
    EXTRACT_VLM_MODEL: options.model,
    EXTRACT_PAGE_CONCURRENCY: String(options.pageConcurrency),
    LOG_LEVEL: options.logLevel,
  });
  const log = logger(options.logLevel);
  const engine = createDotsOcrEngine({ baseUrl: options.modelBaseUrl, model: options.model, timeoutMs: 60_000, maxCompletionTokens: 16_384, pageConcurrency: options.pageConcurrency });
  const server = app.buildApp({ config, logger: log, engine, pageLoader: createPageLoader(INGEST), transform: transform ?? noFields, maskIdentifiers });
  const port = await server.start();
  const client = new Client(`127.0.0.1:${port}`, credentials.createInsecure(), {
    "grpc.max_receive_message_length": 256 * MIB,
    "grpc.max_send_message_length": 256 * MIB,
  });
  return {
    kind: "grpc",
    hasTransformer: transform !== undefined,
    async run(pages, documentType) {
      const request = {
        document: { sources: pages.map((png) => ({ source: { case: "content" as const, value: new Uint8Array(png) } })) },
        documentType,
        promptMode: PromptMode.LAYOUT_ALL,
      };
      try {
        const { response } = await callGrpcUnary(client, ExtractService.method.extractDocument, request, { deadline: new Date(Date.now() + 120_000) });
        return { pages: response.pages, fields: response.fields };
      } catch (error) {
        return { pages: [], fields: undefined, error: ConnectError.from(error) };
      }
    },
    async close() {
      client.close();
      await server.stop();
      await engine.close();
    },
  };
}

/** The engine and transformer called directly (no server, no masking). */
function directPipeline(options: PipelineOptions, transform: Transformer | undefined): Pipeline {
  const engine = createDotsOcrEngine({ baseUrl: options.modelBaseUrl, model: options.model, timeoutMs: 60_000, maxCompletionTokens: 16_384, pageConcurrency: options.pageConcurrency, logger: logger(options.logLevel) });
  const loader = createPageLoader(INGEST);
  return {
    kind: "direct",
    hasTransformer: transform !== undefined,
    async run(pages, documentType) {
      const signal = AbortSignal.timeout(120_000);
      try {
        const loaded = await loader.load(pages.map((png) => ({ content: new Uint8Array(png) })), undefined, signal);
        try {
          const results = await engine.readPages({ pages: loaded.pages, promptMode: PromptMode.LAYOUT_ALL }, signal);
          return { pages: results, fields: transform ? transform(documentType, results).fields : undefined };
        } finally {
          await loaded.close();
        }
      } catch (error) {
        return { pages: [], fields: undefined, error: ConnectError.from(error) };
      }
    },
    close: () => engine.close(),
  };
}

/** The gRPC pipeline when the extract app is available (unless direct is asked for), else the direct one. */
export async function createPipeline(options: PipelineOptions, preferDirect: boolean): Promise<Pipeline> {
  const transform = await loadTransformer();
  const grpc = preferDirect ? undefined : await grpcPipeline(options, transform);
  return grpc ?? directPipeline(options, transform);
}
