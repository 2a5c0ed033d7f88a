import { Code, ConnectError } from "@connectrpc/connect";

/**
 * An aborted signal as a ConnectError: its own ConnectError reason (a call's
 * deadline or shutdown), DeadlineExceeded for a timeout reason
 * (AbortSignal.timeout), Canceled otherwise. `what` starts the message.
 */
export function abortError(signal: AbortSignal, what = "operation"): ConnectError {
  const reason: unknown = signal.reason;
  if (reason instanceof ConnectError) return reason;
  if (reason instanceof Error && reason.name === "TimeoutError") {
    return new ConnectError(`${what} timed out`, Code.DeadlineExceeded);
  }
  return new ConnectError(`${what} canceled`, Code.Canceled);
}
