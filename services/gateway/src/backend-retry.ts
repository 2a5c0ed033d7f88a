import { Code, ConnectError } from "@connectrpc/connect";
import { createDeadlineSignal, retryWithBackoff } from "@docproc/common";

/** How backend calls that fail with UNAVAILABLE are retried. */
export interface BackendRetryPolicy {
  /** Attempts in all, the first one included; 1 turns retries off. */
  maxAttempts: number;
  /** The ceiling of the first retry's random delay; it doubles per retry. */
  initialBackoffMs: number;
  /** The largest ceiling any delay can have. */
  maxBackoffMs: number;
}

/** The policy when the config sets none: up to 3 attempts, waiting 0–200 ms, then 0–400 ms. */
export const DEFAULT_BACKEND_RETRY_POLICY: BackendRetryPolicy = { maxAttempts: 3, initialBackoffMs: 200, maxBackoffMs: 2000 };

/** Options of retryBackendCall. */
export interface RetryBackendCallOptions {
  policy: BackendRetryPolicy;
  /** Absolute deadline (Date.now() clock) shared by every attempt. */
  deadlineAt: number;
  /** The caller's signal (client gone, caller deadline). */
  signal?: AbortSignal;
  /** Called before each retry's wait. */
  onRetry?: (failedAttempt: number, delayMs: number) => void;
  random?: () => number;
}

/**
 * Runs `attempt` and retries it with full-jitter exponential backoff while it
 * fails with UNAVAILABLE, never on another code (INVALID_ARGUMENT would fail
 * again, DEADLINE_EXCEEDED has no time left), and never past the deadline: a
 * retry whose wait would reach it is not started. A retry starts only after
 * the previous attempt has ended with its error, with no hedging, so two
 * attempts never run at once; and UNAVAILABLE means the attempt left no work
 * running: the backend was not reached, its connection dropped (the server
 * then cancels the handler), or it answered that it cannot serve now (its
 * handler has returned).
 *
 * Done here (retryWithBackoff from @docproc/common) rather than with a
 * grpc-js retryPolicy (gRFC A6): grpc-js 1.14 jitters delays by only ±20%
 * instead of full jitter, and silently does not retry a request larger than
 * its per-call retry buffer (1 MiB by default), which inline PDFs and scans
 * routinely are.
 */
export async function retryBackendCall<T>(attempt: (attemptNumber: number, signal: AbortSignal) => Promise<T>, options: RetryBackendCallOptions): Promise<T> {
  // The deadline rides on the signal: retryWithBackoff asks it how long is left.
  const deadline = createDeadlineSignal(new Date(options.deadlineAt), options.signal);
  try {
    return await retryWithBackoff(attempt, {
      signal: deadline.signal,
      maxAttempts: options.policy.maxAttempts,
      baseDelayMs: options.policy.initialBackoffMs,
      maxDelayMs: options.policy.maxBackoffMs,
      isRetryable: (error) => error instanceof ConnectError && error.code === Code.Unavailable,
      onRetry: ({ attempt: failedAttempt, delayMs }) => options.onRetry?.(failedAttempt, delayMs),
      ...(options.random ? { random: options.random } : {}),
    });
  } catch (error) {
    // An aborted signal's reason: DeadlineExceeded, or Canceled when the client went away.
    throw ConnectError.from(error, Code.Canceled);
  } finally {
    deadline.dispose();
  }
}
