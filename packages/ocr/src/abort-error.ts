import { Code, ConnectError } from "@connectrpc/connect";

/** Maps an aborted signal to a ConnectError: a timeout becomes DeadlineExceeded, anything else Canceled. */
export function abortError(signal: AbortSignal, what = "OCR"): ConnectError {
  const reason: unknown = signal.reason;
  if (reason instanceof ConnectError) return reason;
  if (reason instanceof Error && reason.name === "TimeoutError") {
    return new ConnectError(`${what} timed out`, Code.DeadlineExceeded);
  }
  return new ConnectError(`${what} canceled`, Code.Canceled);
}
