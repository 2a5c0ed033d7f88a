import { Code, ConnectError } from "@connectrpc/connect";
import { parseRetryAfterMs, retryHints } from "@docproc/common";
import OpenAI from "openai";

/** The caller's abort as a ConnectError: its own ConnectError reason, else DeadlineExceeded for a timeout, Canceled otherwise. */
function abortError(signal: AbortSignal): ConnectError {
  const reason: unknown = signal.reason;
  if (reason instanceof ConnectError) return reason;
  const timedOut = reason instanceof Error && reason.name === "TimeoutError";
  return new ConnectError(timedOut ? "deadline exceeded" : "request cancelled", timedOut ? Code.DeadlineExceeded : Code.Canceled);
}

/**
 * A failure that a repeat of the same request may cure: no HTTP response
 * (refused, reset, DNS), an attempt that ran out of its own timeout while the
 * caller still had time, a 5xx or a 429. Never another 4xx (the same request
 * fails the same way) nor a malformed answer.
 */
function transient(message: string, code: Code, retryAfterMs?: number): ConnectError {
  return new ConnectError(message, code, retryHints({ transient: true, retryAfterMs }));
}

/**
 * Maps an SDK failure of one classifier request to the service's codes. When the caller's signal
 * aborted, its reason wins whatever the SDK reported. Messages name the HTTP status only, never
 * the URL, the key or the server's own message (it may echo request content).
 */
export function toClassifierError(error: unknown, signal: AbortSignal): ConnectError {
  if (signal.aborted) return abortError(signal);
  if (error instanceof ConnectError) return error;
  if (error instanceof OpenAI.APIUserAbortError) return new ConnectError("classifier request cancelled", Code.Canceled);
  if (error instanceof OpenAI.APIConnectionTimeoutError) return transient("classifier model timed out", Code.Unavailable);
  if (error instanceof OpenAI.APIConnectionError) return transient("classifier model unreachable", Code.Unavailable);
  if (error instanceof OpenAI.APIError && typeof error.status === "number") {
    const status = error.status;
    const retryAfterMs = parseRetryAfterMs(error.headers);
    if (status === 429) return transient("classifier model overloaded (HTTP 429)", Code.ResourceExhausted, retryAfterMs);
    if (status >= 500) return transient(`classifier model failed (HTTP ${status})`, Code.Unavailable, retryAfterMs);
    if (status === 408) return new ConnectError("classifier model timed out (HTTP 408)", Code.Unavailable);
    const kind = typeof error.type === "string" && /^[\w.-]{1,40}$/.test(error.type) ? ` ${error.type}` : "";
    return new ConnectError(`classifier model rejected the request (HTTP ${status}${kind})`, Code.Internal);
  }
  return new ConnectError("classifier request failed", Code.Internal);
}

/** True for a mapped failure worth another attempt (see transient), and the Retry-After it carries. */
export { isTransientError as isRetryableClassifierError, retryAfterMsOf as classifierRetryAfterMs } from "@docproc/common";
