import { createMetricFactory, createMetrics, grpcCodeName, type DocprocMetrics } from "@docproc/common";
import type { BackendCallObserver } from "./backend-clients.js";
import type { RejectionReason } from "./quota-errors.js";

/** Backend latency buckets in seconds: 5 ms to 5 minutes. */
const BACKEND_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300];

/** What the gateway records; served on GET /metrics. */
export interface GatewayMetrics {
  readonly contentType: string;
  render(): Promise<string>;
  /**
   * One finished request: `method` is the RPC name ("ProcessDocument") or the
   * REST route ("POST /v1/extract"); `code` the gRPC code name ("OK",
   * "RESOURCE_EXHAUSTED"). Without `seconds` only the counter moves (gate
   * rejections, which are answered before any work).
   */
  observeRequest(method: string, code: string, seconds?: number): void;
  /** Counts a request as in flight; the returned function (idempotent) ends it. */
  trackInflight(): () => void;
  /** A request refused before any backend saw it. */
  countRejected(reason: RejectionReason): void;
  /** Pages admitted under the per-key caps, all keys together. */
  setPagesInflight(count: number): void;
  /** Feeds backend attempt latency and retries. */
  readonly backendObserver: BackendCallObserver;
}

/**
 * The shared docproc metrics (createMetrics("gateway"): requests by method
 * and code, latency, in flight, rejections, Node runtime metrics) plus two
 * of the gateway's own on the same registry: backend attempt latency by
 * backend, method and code, and backend retries.
 */
export function createGatewayMetrics(base: DocprocMetrics = createMetrics("gateway")): GatewayMetrics {
  const metric = createMetricFactory(base.registry);
  const backendDuration = metric.histogram(
    "docproc_gateway_backend_duration_seconds",
    "Gateway → backend call attempts, by backend, method and gRPC code, in seconds.",
    ["backend", "method", "code"],
    BACKEND_BUCKETS,
  );
  const backendRetries = metric.counter(
    "docproc_gateway_backend_retries_total",
    "Gateway → backend calls retried after UNAVAILABLE, by backend and method.",
    ["backend", "method"],
  );
  let inflight = 0;
  return {
    contentType: base.contentType,
    render: () => base.render(),
    observeRequest(method, code, seconds) {
      if (seconds === undefined) base.rpcRequests.inc({ service: base.service, method, code });
      else base.observeRpc(method, code, seconds);
    },
    trackInflight() {
      base.setRpcInflight(++inflight);
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        base.setRpcInflight(--inflight);
      };
    },
    countRejected: (reason) => base.countRejected(reason),
    setPagesInflight: (count) => base.setPagesInflight(count),
    backendObserver: {
      onAttempt: ({ backend, method, code, durationMs }) =>
        backendDuration.observe({ backend, method, code: code === undefined ? "OK" : grpcCodeName(code) }, durationMs / 1000),
      onRetry: ({ backend, method }) => backendRetries.inc({ backend, method }),
    },
  };
}
