import { status as GrpcStatus } from "@grpc/grpc-js";
import { collectDefaultMetrics, type Counter, type Gauge, type Histogram, Registry } from "prom-client";
import { createMetricFactory } from "./metric-factory.js";

/** Latency buckets in seconds: 10 ms to 5 minutes (a long document on a busy GPU). */
const DURATION_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 180, 300];

/**
 * What an engine reports (all optional for engines: they take
 * `metrics?: EngineMetrics` and work without it).
 */
export interface EngineMetrics {
  /** One model-server request: outcome "ok" or the error code ("unavailable", "resource_exhausted"...). */
  observeModelRequest(model: string, outcome: string, seconds: number): void;
  /** One retry of a model-server request. */
  countModelRetry(model: string): void;
  /** One page through OCR (the CPU engines). */
  observeOcrSeconds(seconds: number): void;
}

/** What the gRPC harness reports. */
export interface RpcMetrics {
  /** One finished RPC; `code` is the gRPC status name ("OK", "RESOURCE_EXHAUSTED"). */
  observeRpc(method: string, code: string, seconds: number): void;
  /** Calls in flight now. */
  setRpcInflight(count: number): void;
  /** One call or document refused by back-pressure ("requests", "pages"). */
  countRejected(reason: string): void;
}

/** The metrics of one process (one service), on their own registry. */
export interface DocprocMetrics extends RpcMetrics, EngineMetrics {
  readonly service: string;
  readonly registry: Registry;
  /** The Content-Type of render()'s text. */
  readonly contentType: string;
  /** One page finished by an engine; status "ok", "repaired" or "failed". */
  countPage(engine: string, documentType: string, status: string): void;
  /** Pages admitted and not yet finished (extract's MAX_INFLIGHT_PAGES). */
  setPagesInflight(count: number): void;
  /** One document classified. */
  countDocumentClassified(engine: string, documentType: string): void;
  /** The Prometheus text exposition of everything in the registry. */
  render(): Promise<string>;
  readonly rpcRequests: Counter<"service" | "method" | "code">;
  readonly rpcDuration: Histogram<"service" | "method">;
  readonly rpcInflight: Gauge<"service">;
  readonly rpcRejected: Counter<"service" | "reason">;
  readonly pagesProcessed: Counter<"service" | "engine" | "document_type" | "status">;
  readonly pagesInflight: Gauge<"service">;
  readonly modelRequests: Counter<"service" | "model" | "outcome">;
  readonly modelRetries: Counter<"service" | "model">;
  readonly modelRequestDuration: Histogram<"service" | "model">;
  readonly ocrDuration: Histogram<"service">;
  readonly documentsClassified: Counter<"engine" | "document_type">;
}

/** The gRPC name of a status code (2 → "UNKNOWN"), as the `code` label spells it. */
export function grpcCodeName(code: number): string {
  return GrpcStatus[code] ?? String(code);
}

/**
 * A registry for one process with the default Node metrics (event loop lag,
 * heap, GC, handles) and the docproc metrics, every one labelled with
 * `service`. The backends serve it on /metrics (createMetricsServer); the
 * gateway mounts `render()` / `contentType` on its own /metrics route.
 * A registry per call (not prom-client's global one) so tests and several
 * servers in one process do not collide.
 */
export function createMetrics(service: string): DocprocMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metric = createMetricFactory(registry);

  const rpcRequests = metric.counter("docproc_rpc_requests_total", "RPCs finished, by method and gRPC status code.", ["service", "method", "code"]);
  const rpcDuration = metric.histogram(
    "docproc_rpc_duration_seconds",
    "RPC latency from arrival to response, in seconds.",
    ["service", "method"],
    DURATION_BUCKETS,
  );
  const rpcInflight = metric.gauge("docproc_rpc_inflight", "RPCs being handled now.", ["service"]);
  rpcInflight.set({ service }, 0);
  const rpcRejected = metric.counter(
    "docproc_rpc_rejected_total",
    "RPCs refused with RESOURCE_EXHAUSTED by back-pressure, by limit (requests, pages).",
    ["service", "reason"],
  );
  const pagesProcessed = metric.counter(
    "docproc_pages_processed_total",
    "Pages finished by an engine, by engine, document type and page status.",
    ["service", "engine", "document_type", "status"],
  );
  const pagesInflight = metric.gauge("docproc_pages_inflight", "Pages admitted and not yet finished.", ["service"]);
  const modelRequests = metric.counter(
    "docproc_model_requests_total",
    "Requests to a model server (vLLM), by outcome: ok or the error code.",
    ["service", "model", "outcome"],
  );
  const modelRetries = metric.counter(
    "docproc_model_retries_total",
    "Model-server requests repeated after a transient failure (connection, 5xx, 429).",
    ["service", "model"],
  );
  const modelRequestDuration = metric.histogram(
    "docproc_model_request_duration_seconds",
    "Model-server request latency, in seconds, whatever the outcome.",
    ["service", "model"],
    DURATION_BUCKETS,
  );
  const ocrDuration = metric.histogram("docproc_ocr_duration_seconds", "CPU OCR time per page, in seconds.", ["service"], DURATION_BUCKETS);
  const documentsClassified = metric.counter(
    "docproc_documents_classified_total",
    "Documents classified, by engine and resulting document type.",
    ["engine", "document_type"],
  );

  return {
    service,
    registry,
    contentType: registry.contentType,
    rpcRequests,
    rpcDuration,
    rpcInflight,
    rpcRejected,
    pagesProcessed,
    pagesInflight,
    modelRequests,
    modelRetries,
    modelRequestDuration,
    ocrDuration,
    documentsClassified,
    observeRpc(method, code, seconds) {
      rpcRequests.inc({ service, method, code });
      rpcDuration.observe({ service, method }, seconds);
    },
    setRpcInflight: (count) => rpcInflight.set({ service }, count),
    countRejected: (reason) => rpcRejected.inc({ service, reason }),
    countPage: (engine, documentType, status) => pagesProcessed.inc({ service, engine, document_type: documentType, status }),
    setPagesInflight: (count) => pagesInflight.set({ service }, count),
    countDocumentClassified: (engine, documentType) => documentsClassified.inc({ engine, document_type: documentType }),
    observeModelRequest(model, outcome, seconds) {
      modelRequests.inc({ service, model, outcome });
      modelRequestDuration.observe({ service, model }, seconds);
    },
    countModelRetry: (model) => modelRetries.inc({ service, model }),
    observeOcrSeconds: (seconds) => ocrDuration.observe({ service }, seconds),
    render: () => registry.metrics(),
  };
}
