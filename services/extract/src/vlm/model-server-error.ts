import { Code, ConnectError } from "@connectrpc/connect";

/**
 * A failed model-server call, described without the client library's error
 * classes (dots-ocr-client.ts is the only module that imports openai and
 * turns its errors into this).
 */
export type ModelServerFailure =
  | { kind: "aborted" }
  | { kind: "timeout" }
  /** No HTTP response: refused, reset, DNS, socket timeouts. `cause` is only searched for an error code. */
  | { kind: "connection"; cause?: unknown }
  /** An HTTP error status; `message` is the server's and is only inspected, never copied. */
  | { kind: "status"; status: number; headers?: Headers; message: string }
  /** A response that is not the expected JSON. */
  | { kind: "malformed" };

/** Metadata key carrying the server's Retry-After, in milliseconds, for a retry layer. */
export const RETRY_AFTER_MS_KEY = "retry-after-ms";

/**
 * Metadata key marking a failure worth repeating: no HTTP response at all
 * (refused, reset, DNS), a 5xx, or a 429. Never a 4xx (the same request
 * would fail the same way), a timeout (the page already had its full time)
 * or a malformed answer.
 */
export const TRANSIENT_KEY = "transient";
const TRANSIENT = { [TRANSIENT_KEY]: "1" };

/** True for a mapped model-server failure that a retry may cure (see TRANSIENT_KEY). */
export function isTransientModelError(error: unknown): boolean {
  return error instanceof ConnectError && error.metadata.get(TRANSIENT_KEY) === "1";
}

/** The caller's abort as a ConnectError: a timeout reason is DeadlineExceeded, anything else Canceled. */
export function abortReason(signal: AbortSignal, what: string): ConnectError {
  const reason: unknown = signal.reason;
  if (reason instanceof ConnectError) return reason;
  if (reason instanceof Error && reason.name === "TimeoutError") {
    return new ConnectError(`${what} timed out`, Code.DeadlineExceeded);
  }
  return new ConnectError(`${what} canceled`, Code.Canceled);
}

/** Retry-After from `retry-after-ms` or `retry-after` (seconds or an HTTP date), like the openai client reads it. */
function parseRetryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers?.get("retry-after");
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The Retry-After a mapped error carries, in milliseconds, if the server sent one. */
export function retryAfterMs(error: ConnectError): number | undefined {
  const value = Number.parseFloat(error.metadata.get(RETRY_AFTER_MS_KEY) ?? "");
  return Number.isFinite(value) ? value : undefined;
}

/** A socket-level error code such as ECONNREFUSED; never a URL or message text. */
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z][A-Z0-9_]+$/.test(code)) return code;
    current = current.cause;
  }
  return undefined;
}

function statusError(failure: Extract<ModelServerFailure, { kind: "status" }>, what: string, model: string): ConnectError {
  const { status } = failure;
  const retryAfter = parseRetryAfterMs(failure.headers);
  const metadata = retryAfter === undefined ? undefined : { [RETRY_AFTER_MS_KEY]: String(Math.round(retryAfter)) };
  if (status === 429) return new ConnectError(`${what}: model server is overloaded (HTTP 429)`, Code.ResourceExhausted, { ...metadata, ...TRANSIENT });
  if (status >= 500) return new ConnectError(`${what}: model server error (HTTP ${status})`, Code.Unavailable, { ...metadata, ...TRANSIENT });
  if (status === 401 || status === 403) {
    return new ConnectError(`${what}: model server refused the API key (HTTP ${status})`, Code.Internal);
  }
  if (status === 404) return new ConnectError(`${what}: model "${model}" is not served (HTTP 404)`, Code.Internal);
  if (status === 408) return new ConnectError(`${what}: model server timed out (HTTP 408)`, Code.Unavailable, metadata);
  // vLLM answers 400 when the image tokens plus max_completion_tokens exceed
  // --max-model-len; that depends on the page, so it is the caller's input.
  const text = failure.message.toLowerCase();
  if ((status === 400 || status === 422) && /context length|max_model_len|maximum model length|too long|too large/.test(text)) {
    return new ConnectError(`${what}: page too large for the model context (HTTP ${status})`, Code.InvalidArgument);
  }
  return new ConnectError(`${what}: model server rejected the request (HTTP ${status})`, Code.Internal);
}

export interface FailureContext {
  /** The caller's signal: when it is aborted, its reason wins over whatever the client reported. */
  signal?: AbortSignal;
  /** The operation, first word of every message ("dots.ocr"). */
  what: string;
  model: string;
  timeoutMs: number;
}

/**
 * Maps a failed model-server call to a ConnectError. Messages name the
 * operation and the HTTP status only: the server's own message may echo the
 * base URL, a query string or request content, so it is never copied.
 */
export function mapModelServerFailure(failure: ModelServerFailure, context: FailureContext): ConnectError {
  const { signal, what } = context;
  if (signal?.aborted) return abortReason(signal, what);
  switch (failure.kind) {
    case "aborted":
      return new ConnectError(`${what} canceled`, Code.Canceled);
    case "timeout":
      return new ConnectError(`${what}: no response within ${context.timeoutMs} ms`, Code.Unavailable);
    case "connection": {
      const code = causeCode(failure.cause);
      return new ConnectError(`${what}: cannot reach the model server${code ? ` (${code})` : ""}`, Code.Unavailable, TRANSIENT);
    }
    case "status":
      return statusError(failure, what, context.model);
    case "malformed":
      return new ConnectError(`${what}: malformed response from the model server`, Code.Internal);
  }
}
