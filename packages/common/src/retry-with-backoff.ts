import { setTimeout as sleep } from "node:timers/promises";
import { remainingMs } from "./signal-deadline.js";

/** Options of retryWithBackoff. */
export interface RetryOptions {
  /** The caller's signal: no attempt or wait starts once it aborted. Its deadline (see remainingMs) bounds the retries. */
  signal?: AbortSignal;
  /** Attempts in all, the first included (1 = no retry). */
  maxAttempts: number;
  /** Backoff ceiling of the first retry; doubles per retry. */
  baseDelayMs: number;
  /** Largest backoff ceiling. */
  maxDelayMs: number;
  /** Whether this failure may succeed when tried again (connection errors, 5xx, 429: yes; 4xx: no). */
  isRetryable(error: unknown): boolean;
  /** The server's Retry-After for this failure, in ms, if it sent one; the wait is at least that long. */
  retryAfterMs?(error: unknown): number | undefined;
  /** Time an attempt needs to be worth starting: no retry when the deadline leaves less after the wait. Default 0. */
  minAttemptMs?: number;
  /** A Retry-After longer than this is not waited for: the failure is returned. Default 60 000. */
  maxRetryAfterMs?: number;
  /** Called before each wait (for metrics and logs). */
  onRetry?(info: { attempt: number; delayMs: number; error: unknown }): void;
  /** Random source in [0, 1); tests pin it. */
  random?: () => number;
}

/**
 * The "full jitter" backoff of retry `retry` (1 = first retry): uniform in
 * [0, min(maxDelayMs, baseDelayMs * 2^(retry-1))], which spreads clients that
 * failed together (AWS Architecture Blog, "Exponential Backoff And Jitter").
 */
export function fullJitterDelayMs(retry: number, baseDelayMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Runs `fn` until it succeeds, a failure is not retryable, the attempts are
 * used up, the caller's signal aborts, or the remaining deadline cannot fit
 * the wait plus another attempt; then the last failure is thrown (the
 * signal's reason when it aborted). Each attempt gets its own signal, aborted
 * as soon as the attempt failed, so nothing an attempt started can keep
 * running next to the following one (no duplicate work on the model server).
 * Hand-written (~50 lines) because no retry library in the workspace knows
 * about deadlines carried by a signal.
 */
export async function retryWithBackoff<T>(
  fn: (attempt: number, signal: AbortSignal) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const { signal } = options;
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts));
  const random = options.random ?? Math.random;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const minAttemptMs = options.minAttemptMs ?? 0;

  for (let attempt = 1; ; attempt += 1) {
    if (signal?.aborted) throw signal.reason;
    const attemptController = new AbortController();
    const attemptSignal = signal ? AbortSignal.any([signal, attemptController.signal]) : attemptController.signal;
    try {
      return await fn(attempt, attemptSignal);
    } catch (error) {
      attemptController.abort();
      if (signal?.aborted) throw signal.reason ?? error;
      if (attempt >= maxAttempts || !options.isRetryable(error)) throw error;
      const hinted = options.retryAfterMs?.(error);
      if (hinted !== undefined && hinted > maxRetryAfterMs) throw error;
      const backoff = fullJitterDelayMs(attempt, options.baseDelayMs, options.maxDelayMs, random);
      const delayMs = hinted === undefined ? backoff : Math.max(hinted, backoff);
      const left = remainingMs(signal);
      if (left !== undefined && delayMs + minAttemptMs >= left) throw error;
      options.onRetry?.({ attempt, delayMs, error });
      if (delayMs > 0) {
        try {
          await sleep(delayMs, undefined, signal ? { signal } : {});
        } catch {
          throw signal?.reason ?? error;
        }
      }
    }
  }
}
