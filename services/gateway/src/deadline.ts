import type { IncomingHttpHeaders } from "node:http";

/** Deadline limits from the config. */
export interface DeadlineLimits {
  defaultDeadlineMs: number;
  maxDeadlineMs: number;
}

/**
 * The deadline to give a backend call: the caller's remaining time (Connect
 * `ctx.timeoutMs()`), or the default when the caller set none, never more
 * than the maximum (capDeadlineHeaders already capped the caller's; the cap
 * here covers REST, which has no caller deadline).
 */
export function backendTimeoutMs(callerTimeoutMs: number | undefined, limits: DeadlineLimits): number {
  const wanted = callerTimeoutMs ?? limits.defaultDeadlineMs;
  return Math.max(0, Math.min(wanted, limits.maxDeadlineMs));
}

const GRPC_TIMEOUT = /^(\d{1,8})([HMSmun])$/;
const GRPC_UNIT_MS: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 1e-3, n: 1e-6 };

/**
 * Caps a caller's deadline at maxDeadlineMs instead of refusing it: rewrites
 * `connect-timeout-ms` (Connect) and `grpc-timeout` (gRPC, gRPC-Web) before
 * Connect reads them. Connect's own `maxTimeoutMs` rejects a longer deadline
 * with INVALID_ARGUMENT, which breaks clients that set a generous deadline
 * by habit; and without any limit a deadline over 2^31-1 ms would overflow
 * Node's timer and expire at once. Malformed values are left for Connect
 * to reject.
 */
export function capDeadlineHeaders(headers: IncomingHttpHeaders, maxDeadlineMs: number): void {
  const connectTimeout = headers["connect-timeout-ms"];
  if (typeof connectTimeout === "string" && /^\d{1,10}$/.test(connectTimeout) && Number(connectTimeout) > maxDeadlineMs) {
    headers["connect-timeout-ms"] = String(maxDeadlineMs);
  }
  const grpcTimeout = headers["grpc-timeout"];
  const match = typeof grpcTimeout === "string" ? GRPC_TIMEOUT.exec(grpcTimeout) : null;
  if (match !== null && Number(match[1]) * (GRPC_UNIT_MS[match[2] ?? ""] ?? 0) > maxDeadlineMs) {
    // The config keeps maxDeadlineMs ≤ 24 h, which fits grpc-timeout's 8 digits in ms.
    headers["grpc-timeout"] = `${maxDeadlineMs}m`;
  }
}
