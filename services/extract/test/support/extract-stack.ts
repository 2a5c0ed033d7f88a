import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { callGrpcUnary, createLogger, createMetrics, type BackendApp, type CallGrpcUnaryOptions, type DocprocMetrics } from "@docproc/common";
import { ExtractService, type ExtractDocumentRequestSchema } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { TypedDocumentSchema } from "@docproc/gen/docproc/v1/typed_document_pb.js";
import { HealthCheckResponse_ServingStatus as ServingStatus } from "@docproc/gen/grpc/health/v1/health_pb.js";
import { createPageLoader } from "@docproc/ingest";
import type { Client } from "@grpc/grpc-js";
import { createTestClient, inline, waitForHealth } from "../../../../packages/common/test-support/grpc-test-client.js";
import { buildApp } from "../../src/app.js";
import { type ExtractConfig, loadConfig } from "../../src/config.js";
import { createDotsOcrEngine } from "../../src/vlm/dots-ocr-engine.js";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "../../test-support/fake-openai-server.js";
import { pngWidth, requestPng } from "./image-fixtures.js";

export const MODEL = "dots-ocr";
/** A valid dots.ocr layout answer with one text element. */
export const VALID_LAYOUT = JSON.stringify([{ bbox: [10, 10, 200, 60], category: "Text", text: "Hello" }]);

export type ExtractRequestInit = MessageInitShape<typeof ExtractDocumentRequestSchema>;

/** The real extract server (dots.ocr engine, real page loader) over a fake vLLM, and a grpc-js client. */
export interface ExtractStack {
  config: ExtractConfig;
  app: BackendApp;
  client: Client;
  /** The fake OpenAI-compatible server standing in for vLLM. */
  model: FakeOpenAiServer;
  metrics: DocprocMetrics;
  port: number;
  extract(request: ExtractRequestInit, options?: CallGrpcUnaryOptions): ReturnType<typeof callGrpcUnary<typeof ExtractService.method.extractDocument.input, typeof ExtractService.method.extractDocument.output>>;
  /** Resolves once health says SERVING (the engine saw the model listed). */
  waitServing(): Promise<void>;
  close(): Promise<void>;
}

export interface ExtractStackOptions {
  /** Extra environment, on top of quick retries and silent logs. */
  env?: Record<string, string>;
  /** Bind /metrics on an ephemeral port. */
  metricsServer?: boolean;
}

/**
 * Wires the server as main.ts does (engine from the parsed config, shared
 * metrics), but on port 0, with short retry delays and an identity mask
 * (masking has its own tests).
 */
export async function startExtractStack(options: ExtractStackOptions = {}): Promise<ExtractStack> {
  const model = await startFakeOpenAiServer({ models: [MODEL], handler: () => ({ kind: "completion", content: VALID_LAYOUT }) });
  const parsed = loadConfig({
    EXTRACT_PORT: "0",
    EXTRACT_METRICS_PORT: "0",
    LOG_LEVEL: "silent",
    SHUTDOWN_GRACE_MS: "5000",
    EXTRACT_VLM_BASE_URL: model.url,
    EXTRACT_VLM_MODEL: MODEL,
    EXTRACT_VLM_TIMEOUT_MS: "10000",
    EXTRACT_VLM_MAX_ATTEMPTS: "2",
    EXTRACT_VLM_RETRY_BASE_DELAY_MS: "10",
    EXTRACT_VLM_RETRY_MAX_DELAY_MS: "20",
    ...options.env,
  });
  const config: ExtractConfig = options.metricsServer ? { ...parsed, metricsPort: 0 } : parsed;
  const logger = createLogger({ service: "extract-test", level: "silent" });
  const metrics = createMetrics("extract");
  const engine = createDotsOcrEngine({
    baseUrl: model.url,
    model: MODEL,
    timeoutMs: config.vlm.timeoutMs,
    maxCompletionTokens: config.vlm.maxCompletionTokens,
    pageConcurrency: config.pageConcurrency,
    retry: { ...config.vlm.retry, minAttemptMs: 50 },
    metrics,
    logger,
  });
  const app = buildApp({
    config,
    logger,
    engine,
    pageLoader: createPageLoader(config.ingest),
    transform: () => ({ fields: create(TypedDocumentSchema), issues: [] }),
    maskIdentifiers: (text) => text,
    metrics,
    readiness: { minIntervalMs: 10, maxIntervalMs: 50, readyIntervalMs: 1000 },
  });
  const port = await app.start();
  const client = createTestClient(port, { maxMessageBytes: 64 * 1024 * 1024 });
  return {
    config,
    app,
    client,
    model,
    metrics,
    port,
    extract: (request, callOptions = {}) => callGrpcUnary(client, ExtractService.method.extractDocument, request, callOptions),
    waitServing: () => waitForHealth(client, ServingStatus.SERVING),
    async close() {
      client.close();
      await app.stop();
      await engine.close();
      await model.close();
    },
  };
}

/**
 * The width of `png` as the fake model receives it: pages are resized into
 * the dots.ocr frame, so one probe call reads it back. Lets a fake handler
 * tell pages apart. Leaves the handler answering VALID_LAYOUT.
 */
export async function modelFrameWidth(stack: ExtractStack, png: Uint8Array): Promise<number> {
  let width: number | undefined;
  stack.model.setHandler((body) => {
    const sent = requestPng(body);
    if (sent) width = pngWidth(sent);
    return { kind: "completion", content: VALID_LAYOUT };
  });
  await stack.extract(inline(png));
  stack.model.reset();
  if (width === undefined) throw new Error("the probe request carried no image");
  return width;
}

export { failure, inline } from "../../../../packages/common/test-support/grpc-test-client.js";
