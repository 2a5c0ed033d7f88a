import { ConnectError } from "@connectrpc/connect";
import { HealthCheckResponse_ServingStatus } from "@docproc/gen/grpc/health/v1/health_pb.js";
import type { BackendClient } from "./backend-clients.js";

/** How one backend answered its grpc.health.v1 Check. */
export type BackendStatus = "SERVING" | "NOT_SERVING" | "UNREACHABLE";

/** The health of one backend. */
export interface BackendHealth {
  status: BackendStatus;
  latencyMs: number;
  /** Why it is not serving; a short message, never an address. */
  error?: string;
  /** The engine ("vlm" / "cpu") and model id of the backend's last answer, once it answered. */
  engine?: { engine: string; modelId: string };
}

/** The backends' health at one moment. */
export interface HealthSnapshot {
  classify: BackendHealth;
  extract: BackendHealth;
  /** True once shutdown began: everything reports NOT_SERVING from then on. */
  shuttingDown: boolean;
}

/** Cached, shared backend health for /health, /ready and grpc.health.v1. */
export interface BackendHealthMonitor {
  /** The cached snapshot, or a fresh one (both backends checked in parallel) when older than cacheMs. */
  snapshot(): Promise<HealthSnapshot>;
  /** Marks the gateway as shutting down; aborts shutdownSignal so Watch streams answer at once. */
  markShuttingDown(): void;
  readonly shutdownSignal: AbortSignal;
}

/** Options of createBackendHealthMonitor. */
export interface BackendHealthMonitorOptions {
  backends: { classify: BackendClient; extract: BackendClient };
  /** How long a snapshot is reused. 0 checks on every call. */
  cacheMs: number;
  /** Deadline of each Check. Default 2000. */
  checkTimeoutMs?: number;
}

/**
 * Checks both backends in parallel with a short deadline and caches the
 * result, so probes and /health cannot amplify into backend load (the system
 * we replace made two sequential upstream calls per /health hit). Concurrent
 * callers share one check in flight.
 */
export function createBackendHealthMonitor(options: BackendHealthMonitorOptions): BackendHealthMonitor {
  const checkTimeoutMs = options.checkTimeoutMs ?? 2000;
  const shutdown = new AbortController();
  let cached: { at: number; value: Omit<HealthSnapshot, "shuttingDown"> } | undefined;
  let inFlight: Promise<Omit<HealthSnapshot, "shuttingDown">> | undefined;

  async function checkOne(client: BackendClient): Promise<BackendHealth> {
    const engine = client.lastAnswerEngine();
    return { ...(await checkStatus(client)), ...(engine ? { engine } : {}) };
  }

  async function checkStatus(client: BackendClient): Promise<BackendHealth> {
    const startedAt = performance.now();
    const latency = () => Math.round(performance.now() - startedAt);
    try {
      const status = await client.checkHealth({ timeoutMs: checkTimeoutMs });
      return status === HealthCheckResponse_ServingStatus.SERVING
        ? { status: "SERVING", latencyMs: latency() }
        : { status: "NOT_SERVING", latencyMs: latency(), error: `health status ${HealthCheckResponse_ServingStatus[status]}` };
    } catch (error) {
      return { status: "UNREACHABLE", latencyMs: latency(), error: ConnectError.from(error).rawMessage };
    }
  }

  async function refresh(): Promise<Omit<HealthSnapshot, "shuttingDown">> {
    const [classify, extract] = await Promise.all([checkOne(options.backends.classify), checkOne(options.backends.extract)]);
    const value = { classify, extract };
    cached = { at: Date.now(), value };
    return value;
  }

  return {
    async snapshot() {
      const fresh = cached !== undefined && Date.now() - cached.at < options.cacheMs;
      let value = fresh && cached ? cached.value : undefined;
      if (value === undefined) {
        inFlight ??= refresh().finally(() => {
          inFlight = undefined;
        });
        value = await inFlight;
      }
      return { ...value, shuttingDown: shutdown.signal.aborted };
    },
    markShuttingDown() {
      shutdown.abort();
    },
    shutdownSignal: shutdown.signal,
  };
}

/** True when both backends serve and shutdown has not begun. */
export function isReady(snapshot: HealthSnapshot): boolean {
  return !snapshot.shuttingDown && snapshot.classify.status === "SERVING" && snapshot.extract.status === "SERVING";
}
