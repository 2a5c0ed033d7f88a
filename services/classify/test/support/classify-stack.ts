import { type MessageInitShape } from "@bufbuild/protobuf";
import { callGrpcUnary, createLogger, createMetrics, type BackendApp, type CallGrpcUnaryOptions, type DocprocMetrics } from "@docproc/common";
import { ClassifyService, ConfidenceSource, type ClassifyDocumentRequestSchema } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { createPageLoader, type PageHandle } from "@docproc/ingest";
import type { Client } from "@grpc/grpc-js";
import sharp from "sharp";
import { createTestClient } from "../../../../packages/common/test-support/grpc-test-client.js";
import { buildApp } from "../../src/app.js";
import { type ClassifyConfig, loadConfig } from "../../src/config.js";
import type { ClassifyEngine, PageVerdict } from "../../src/engine.js";

export type ClassifyRequestInit = MessageInitShape<typeof ClassifyDocumentRequestSchema>;

/** How the fake engine answers a page; it has already decoded it. */
export type PageBehaviour = (page: PageHandle, signal: AbortSignal) => Promise<PageVerdict>;

export const W2_VERDICT: PageVerdict = {
  documentType: DocumentType.W2,
  scores: new Map([[DocumentType.W2, 0.9], [DocumentType.OTHER, 0.1]]),
  confidenceSource: ConfidenceSource.TEXT_EVIDENCE,
  reasoning: "W-2 title",
};

/**
 * The real classify server and handler over the real page loader, with a
 * fake engine that decodes every page for real (so bad images fail as they
 * would) and then behaves as the test says.
 */
export interface ClassifyStack {
  config: ClassifyConfig;
  app: BackendApp;
  client: Client;
  metrics: DocprocMetrics;
  /** Replaces what the engine does after decoding a page. */
  setBehaviour(behaviour: PageBehaviour): void;
  /** Pages the engine was asked for, and the signals it got. */
  seen: Array<{ pageIndex: number; signal: AbortSignal }>;
  classify(request: ClassifyRequestInit, options?: CallGrpcUnaryOptions): ReturnType<typeof callGrpcUnary<typeof ClassifyService.method.classifyDocument.input, typeof ClassifyService.method.classifyDocument.output>>;
  close(): Promise<void>;
}

export async function startClassifyStack(options: { env?: Record<string, string>; metricsServer?: boolean } = {}): Promise<ClassifyStack> {
  const parsed = loadConfig({ CLASSIFY_PORT: "0", CLASSIFY_METRICS_PORT: "0", LOG_LEVEL: "silent", SHUTDOWN_GRACE_MS: "5000", ...options.env });
  const config: ClassifyConfig = options.metricsServer ? { ...parsed, metricsPort: 0 } : parsed;
  const logger = createLogger({ service: "classify-test", level: "silent" });
  const metrics = createMetrics("classify");
  let behaviour: PageBehaviour = async () => W2_VERDICT;
  const seen: ClassifyStack["seen"] = [];
  const engine: ClassifyEngine = {
    kind: "cpu",
    modelId: "fake/classifier",
    async classifyPage(page, _options, signal) {
      seen.push({ pageIndex: page.index, signal });
      const decoded = await page.decode(signal);
      await sharp(decoded.image).stats(); // a real decode, as an engine would
      return behaviour(page, signal);
    },
    ready: async () => true,
    close: async () => undefined,
  };
  const app = buildApp({ config, logger, engine, pageLoader: createPageLoader(config.ingest), metrics, readiness: { minIntervalMs: 10, maxIntervalMs: 50 } });
  const port = await app.start();
  const client = createTestClient(port, { maxMessageBytes: 64 * 1024 * 1024 });
  return {
    config,
    app,
    client,
    metrics,
    seen,
    setBehaviour: (next) => void (behaviour = next),
    classify: (request, callOptions = {}) => callGrpcUnary(client, ClassifyService.method.classifyDocument, request, callOptions),
    async close() {
      client.close();
      await app.stop();
    },
  };
}

export { failure, inline, whenAborted } from "../../../../packages/common/test-support/grpc-test-client.js";
