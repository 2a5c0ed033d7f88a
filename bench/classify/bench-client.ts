import { availableParallelism } from "node:os";
import { createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { createLogger, type Logger } from "@docproc/common";
import { ClassifyService, type ClassifyDocumentRequest, type ClassifyDocumentResponse } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { createPageLoader } from "@docproc/ingest";
import { createOcrEngine } from "@docproc/ocr";
import { createClassifyHandler } from "../../services/classify/src/classify-handler.js";
import { createCpuClassifyEngine } from "../../services/classify/src/cpu/cpu-classify-engine.js";
import type { ClassifyEngine } from "../../services/classify/src/engine.js";
import { createQwenClassifyEngine } from "../../services/classify/src/vlm/qwen-classify-engine.js";
import { startFakeVlm, type FakeVlm } from "./fake-vlm.js";

export type EngineChoice = "cpu" | "vlm" | "fake-vlm";

export interface BenchClientOptions {
  /** A running gateway (Connect protocol); otherwise the handler runs in this process. */
  gatewayUrl?: string;
  apiKey?: string;
  engine: EngineChoice;
  vlmUrl?: string;
  vlmModel: string;
  temperature: number;
  maxPages: number;
  timeoutMs: number;
}

export interface BenchClient {
  /** What answers, for the report header. */
  description: string;
  /** Set only for the fake VLM: tells it which truth to answer from. */
  fakeVlm?: FakeVlm;
  classify(request: ClassifyDocumentRequest): Promise<ClassifyDocumentResponse>;
  close(): Promise<void>;
}

async function createEngine(options: BenchClientOptions, logger: Logger): Promise<{ engine: ClassifyEngine; fakeVlm?: FakeVlm }> {
  if (options.engine === "cpu") {
    const ocr = await createOcrEngine({ workers: Math.max(1, Math.min(options.maxPages, availableParallelism())), logger });
    await ocr.warmup();
    return { engine: createCpuClassifyEngine({ ocr, logger }) };
  }
  const fakeVlm = options.engine === "fake-vlm" ? await startFakeVlm(options.vlmModel) : undefined;
  const baseUrl = fakeVlm?.server.url ?? options.vlmUrl;
  if (!baseUrl) throw new Error("--engine vlm needs --vlm-url (the OpenAI-compatible base URL, e.g. http://host:8000/v1)");
  const engine = createQwenClassifyEngine({
    baseUrl,
    model: options.vlmModel,
    timeoutMs: options.timeoutMs,
    temperature: options.temperature,
    maxPixels: 1_003_520,
    logger,
  });
  return { engine, ...(fakeVlm ? { fakeVlm } : {}) };
}

/** The remote gateway client or the in-process handler, behind one call. */
export async function createBenchClient(options: BenchClientOptions): Promise<BenchClient> {
  if (options.gatewayUrl) {
    const apiKey = options.apiKey;
    const transport = createConnectTransport({
      baseUrl: options.gatewayUrl,
      httpVersion: "1.1",
      interceptors: [(next) => (request) => {
        if (apiKey) request.header.set("x-api-key", apiKey);
        return next(request);
      }],
    });
    const client = createClient(ClassifyService, transport);
    return {
      description: `gateway ${options.gatewayUrl} (Connect)`,
      classify: (request) => client.classifyDocument(request, { timeoutMs: options.timeoutMs }),
      async close() {},
    };
  }

  const logger = createLogger({ service: "classify-bench", level: "warn", destination: process.stderr });
  const { engine, fakeVlm } = await createEngine(options, logger);
  const pageLoader = createPageLoader({
    fetchTimeoutMs: 30_000,
    fetchMaxBytes: 50_000_000,
    maxPages: 100,
    maxPixelsPerPage: 60_000_000,
    allowPrivateNetworks: false,
    allowHttp: false,
  });
  const handler = createClassifyHandler({ engine, pageLoader, maxPages: options.maxPages, logger });
  const description = fakeVlm
    ? `in-process, FAKE VLM (answers scripted from the truth labels: measures the plumbing and calibration math, NOT model accuracy)`
    : `in-process, engine ${engine.kind} (${engine.modelId})`;
  return {
    description,
    ...(fakeVlm ? { fakeVlm } : {}),
    classify: (request) => handler(request, { signal: AbortSignal.timeout(options.timeoutMs), logger }),
    async close() {
      await engine.close();
      await fakeVlm?.close();
    },
  };
}
