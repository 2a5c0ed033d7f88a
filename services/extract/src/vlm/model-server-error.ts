import { Code, ConnectError } from "@connectrpc/connect";
import { abortError, parseRetryAfterMs, retryHints } from "@docproc/common";

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

/**
 * Which failures are worth repeating (marked with retryHints' transient
 * flag): no HTTP response at all (refused, reset, DNS), a 5xx, or a 429.
 * Never a 4xx (the same request would fail the same way), a timeout (the
 * page already had its full time) or a malformed answer.
 */
const TRANSIENT = retryHints({ transient: true });

/** The caller's abort as a ConnectError (the engines and read-dots-page.ts call it by this name). */
export { abortError as abortReason } from "@docproc/common";

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
  const retryAfterMs = parseRetryAfterMs(failure.headers);
  const retryable = retryHints({ transient: true, retryAfterMs });
  if (status === 429) return new ConnectError(`${what}: model server is overloaded (HTTP 429)`, Code.ResourceExhausted, retryable);
  if (status >= 500) return new ConnectError(`${what}: model server error (HTTP ${status})`, Code.Unavailable, retryable);
  if (status === 401 || status === 403) {
    return new ConnectError(`${what}: model server refused the API key (HTTP ${status})`, Code.Internal);
  }
  if (status === 404) return new ConnectError(`${what}: model "${model}" is not served (HTTP 404)`, Code.Internal);
  if (status === 408) return new ConnectError(`${what}: model server timed out (HTTP 408)`, Code.Unavailable, retryHints({ transient: false, retryAfterMs }));
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
  if (signal?.aborted) return abortError(signal, what);
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
