import { ConnectError } from "@connectrpc/connect";

/**
 * How a mapped model-server failure tells a retry layer (retryWithBackoff's
 * isRetryable / retryAfterMs) what it knows, in ConnectError metadata. Which
 * failures count as transient stays each engine's own rule; this only
 * carries the verdict and the server's Retry-After.
 */

/** Metadata key marking a failure that a repeat of the same request may cure. */
export const TRANSIENT_KEY = "transient";
/** Metadata key carrying the server's Retry-After, in milliseconds. */
export const RETRY_AFTER_MS_KEY = "retry-after-ms";

/** Retry-After from `retry-after-ms` or `retry-after` (seconds or an HTTP date), as the openai client reads it. */
export function parseRetryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers?.get("retry-after");
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The metadata of a mapped failure: the transient mark and the Retry-After, when there are. */
export function retryHints(hints: { transient: boolean; retryAfterMs?: number | undefined }): Record<string, string> {
  const metadata: Record<string, string> = {};
  if (hints.transient) metadata[TRANSIENT_KEY] = "1";
  if (hints.retryAfterMs !== undefined) metadata[RETRY_AFTER_MS_KEY] = String(Math.round(hints.retryAfterMs));
  return metadata;
}

/** True for a ConnectError marked transient (see TRANSIENT_KEY). */
export function isTransientError(error: unknown): boolean {
  return error instanceof ConnectError && error.metadata.get(TRANSIENT_KEY) === "1";
}

/** The Retry-After a ConnectError carries, in milliseconds, if the server sent one. */
export function retryAfterMsOf(error: unknown): number | undefined {
  if (!(error instanceof ConnectError)) return undefined;
  const value = Number.parseFloat(error.metadata.get(RETRY_AFTER_MS_KEY) ?? "");
  return Number.isFinite(value) ? value : undefined;
}
