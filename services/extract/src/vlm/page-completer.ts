import { ConnectError } from "@connectrpc/connect";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import { type EngineMetrics, isTransientError, type Logger, retryAfterMsOf, retryWithBackoff, withSpan } from "@docproc/common";
import type { DotsOcrClient, DotsOcrCompletion } from "./dots-ocr-client.js";

/** How often and how patiently one page's request is repeated after a transient failure. */
export interface RetryPolicy {
  /** Requests in all, the first included (1 = no retry). */
  maxAttempts: number;
  /** Backoff ceiling of the first retry (full jitter, doubling). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry when the call's deadline leaves less than this after the wait. */
  minAttemptMs?: number;
}

export const DEFAULT_RETRY_POLICY: Required<RetryPolicy> = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 8_000, minAttemptMs: 1_000 };

/** One page's request. */
export interface PageRequest {
  png: Buffer;
  prompt: string;
  /** For spans and logs. */
  pageIndex: number;
}

/**
 * Sends one page's request, repeating it on transient failures; calls
 * `onAttempt` before every request so the page can report how many it took.
 */
export type CompletePage = (request: PageRequest, signal: AbortSignal, onAttempt: () => void) => Promise<DotsOcrCompletion>;

export interface PageCompleterOptions {
  /** The served model name (metrics label). */
  model: string;
  retry?: RetryPolicy;
  metrics?: EngineMetrics;
  logger?: Logger;
}

function outcomeOf(error: unknown): string {
  return error instanceof ConnectError ? codeToString(error.code) : "unknown";
}

/**
 * Wraps the client with retries (connection errors, 5xx, 429 only; the
 * server's Retry-After is waited for; never once the call's signal aborted
 * or when its deadline cannot fit another attempt), one span and one metric
 * sample per request. Each request runs on its own signal that the retry
 * loop aborts before the next starts, so a failed request never keeps
 * generating on vLLM beside its retry. An attempt lasts at most
 * min(timeoutMs, the call's remaining deadline): the client's own timeout
 * bounds the first, the call's signal (aborted at the deadline, which closes
 * the HTTP request and so stops vLLM) the second.
 */
export function createPageCompleter(client: DotsOcrClient, options: PageCompleterOptions): CompletePage {
  const { model, metrics, logger } = options;
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };

  return (request, signal, onAttempt) =>
    retryWithBackoff(
      (attempt, attemptSignal) => {
        onAttempt();
        const startedAt = performance.now();
        const attributes = { "docproc.model": model, "docproc.page_index": request.pageIndex, "docproc.attempt": attempt };
        return withSpan("dots.ocr chat.completions", attributes, () => client.complete(request, attemptSignal)).then(
          (completion) => {
            metrics?.observeModelRequest(model, "ok", (performance.now() - startedAt) / 1000);
            return completion;
          },
          (error: unknown) => {
            metrics?.observeModelRequest(model, outcomeOf(error), (performance.now() - startedAt) / 1000);
            throw error;
          },
        );
      },
      {
        signal,
        maxAttempts: policy.maxAttempts,
        baseDelayMs: policy.baseDelayMs,
        maxDelayMs: policy.maxDelayMs,
        minAttemptMs: policy.minAttemptMs,
        isRetryable: isTransientError,
        retryAfterMs: retryAfterMsOf,
        onRetry: ({ attempt, delayMs, error }) => {
          metrics?.countModelRetry(model);
          logger?.warn(
            { pageIndex: request.pageIndex, attempt, delayMs, err: error instanceof ConnectError ? error.message : "error" },
            "dots.ocr request failed; retrying",
          );
        },
      },
    );
}
