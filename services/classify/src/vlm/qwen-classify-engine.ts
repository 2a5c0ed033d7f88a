import { Code, ConnectError } from "@connectrpc/connect";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import { retryWithBackoff, withSpan, type EngineMetrics, type Logger } from "@docproc/common";
import { prepareForClassifier, type PageHandle } from "@docproc/ingest";
import OpenAI from "openai";
import type { ClassifyEngine, PageVerdict } from "../engine.js";
import { CLASS_LABELS, buildClassifyInstruction } from "./class-labels.js";
import { classifierRetryAfterMs, isRetryableClassifierError, toClassifierError } from "./classifier-request-error.js";
import { verdictFromCompletion } from "./verdict-from-completion.js";

export interface QwenClassifyEngineOptions {
  /** The OpenAI-compatible base URL including "/v1", e.g. "http://qwen-vl:8000/v1". */
  baseUrl: string;
  /** The served model name (vLLM --served-model-name, or the HF id). */
  model: string;
  /** vLLM --api-key, when set. */
  apiKey?: string;
  /** Per attempt; an attempt that times out while the caller's deadline has time left is repeated. */
  timeoutMs: number;
  /** Requests per page in all, the first included (1 = no retry); default 3. */
  maxAttempts?: number;
  /** Calibration temperature T applied to the class logits: p ∝ exp(logprob / T). */
  temperature: number;
  /** Pixel budget of the page image sent to the model (about 1 MP). */
  maxPixels: number;
  /** Model request counts (by outcome), durations and retries; the engine works without it. */
  metrics?: EngineMetrics;
  logger?: Logger;
}

/**
 * vLLM-only request fields. The TS SDK has no extra_body, and extra fields in a variable (not a
 * literal) are sent as they are, so the type is widened here rather than silenced with ts-expect-error.
 * `structured_outputs` is the vLLM ≥ 0.10.2 field: the old guided_* fields are silently ignored from
 * vLLM 0.12 on, which would leave the answer unconstrained.
 */
type VllmChatParams = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming & {
  structured_outputs?: { choice?: string[] };
};

/** The answer is one label of a few tokens; 8 covers the longest ("miscellaneous", "nonemployee"). */
const MAX_ANSWER_TOKENS = 8;
/** vLLM's default --max-logprobs cap; more than the 13 classes, so every class can appear. */
const TOP_LOGPROBS = 20;

const DEFAULT_MAX_ATTEMPTS = 3;
/** Backoff ceilings of the retries (full jitter, doubling): a page answers in about a second, so short. */
const RETRY_BASE_DELAY_MS = 250;
const RETRY_MAX_DELAY_MS = 4_000;
/** No retry when the caller's deadline leaves less than this after the wait: the attempt could not finish. */
const MIN_ATTEMPT_MS = 500;

/**
 * Qwen2.5-VL over vLLM's OpenAI-compatible API: one request per page, greedy, the answer
 * constrained to the 13 labels, and the class distribution read from the first token's
 * log-probabilities (model-serving.md §B4-B5). A page's request is repeated on transient
 * failures (connection errors, attempt timeouts, 5xx, 429 after its Retry-After), never on other
 * 4xx and never once the caller's signal aborted or its deadline cannot fit another attempt.
 */
export function createQwenClassifyEngine(options: QwenClassifyEngineOptions): ClassifyEngine {
  if (!(options.temperature > 0) || !Number.isFinite(options.temperature)) {
    throw new RangeError(`temperature must be a positive number, got ${options.temperature}`);
  }
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  const client = new OpenAI({
    baseURL: options.baseUrl,
    // The SDK refuses to start without a key; vLLM without --api-key accepts any.
    apiKey: options.apiKey || "EMPTY",
    maxRetries: 0,
    timeout: options.timeoutMs,
  });
  const choices = [...CLASS_LABELS];
  const { metrics, logger } = options;

  /**
   * One HTTP request on the attempt's own signal, so a failed or abandoned attempt is cancelled
   * before the next starts (vLLM stops generating when the connection closes). Failures leave
   * mapped, so the retry loop can tell transient ones; `signal` (the caller's) decides whether an
   * abort was the caller's. One metric sample and one span per request.
   */
  async function requestOnce(
    params: VllmChatParams,
    pageIndex: number,
    attempt: number,
    signal: AbortSignal,
    attemptSignal: AbortSignal,
  ): Promise<OpenAI.Chat.ChatCompletion> {
    const startedAt = performance.now();
    const attributes = { "docproc.model": options.model, "docproc.page_index": pageIndex, "docproc.attempt": attempt };
    try {
      const completion = await withSpan("qwen-vl chat.completions", attributes, () =>
        client.chat.completions.create(params, { signal: attemptSignal, timeout: options.timeoutMs, maxRetries: 0 }),
      );
      metrics?.observeModelRequest(options.model, "ok", (performance.now() - startedAt) / 1000);
      return completion;
    } catch (error) {
      const mapped = toClassifierError(error, signal);
      metrics?.observeModelRequest(options.model, codeToString(mapped.code), (performance.now() - startedAt) / 1000);
      throw mapped;
    }
  }

  async function classifyPage(page: PageHandle, request: { prompt?: string }, signal: AbortSignal): Promise<PageVerdict> {
    const decoded = await page.decode(signal);
    const image = await prepareForClassifier(decoded, { maxPixels: options.maxPixels });
    const params: VllmChatParams = {
      model: options.model,
      messages: [
        {
          role: "user",
          // Image first, then the instruction, as in the Qwen2.5-VL README examples.
          content: [
            { type: "image_url", image_url: { url: `data:image/png;base64,${image.png.toString("base64")}` } },
            { type: "text", text: buildClassifyInstruction(request.prompt) },
          ],
        },
      ],
      // Explicit 0: an unset field would inherit the model's generation_config (temperature 0.1).
      temperature: 0,
      max_completion_tokens: MAX_ANSWER_TOKENS,
      logprobs: true,
      top_logprobs: TOP_LOGPROBS,
      structured_outputs: { choice: choices },
    };
    let completion: OpenAI.Chat.ChatCompletion;
    try {
      completion = await retryWithBackoff((attempt, attemptSignal) => requestOnce(params, page.index, attempt, signal, attemptSignal), {
        signal,
        maxAttempts,
        baseDelayMs: RETRY_BASE_DELAY_MS,
        maxDelayMs: RETRY_MAX_DELAY_MS,
        minAttemptMs: MIN_ATTEMPT_MS,
        isRetryable: isRetryableClassifierError,
        retryAfterMs: classifierRetryAfterMs,
        onRetry: ({ attempt, delayMs, error }) => {
          metrics?.countModelRetry(options.model);
          logger?.warn({ page: page.index, attempt, delayMs, code: Code[ConnectError.from(error).code] }, "classifier request failed; retrying");
        },
      });
    } catch (error) {
      const mapped = toClassifierError(error, signal);
      logger?.warn({ page: page.index, code: Code[mapped.code] }, "classifier request failed");
      throw mapped;
    }
    return verdictFromCompletion(completion, options.temperature, logger);
  }

  async function ready(signal?: AbortSignal): Promise<boolean> {
    try {
      const models = await client.models.list({ ...(signal ? { signal } : {}), timeout: options.timeoutMs, maxRetries: 0 });
      return models.data.some((model) => model.id === options.model);
    } catch (error) {
      logger?.debug({ error: error instanceof Error ? error.name : typeof error }, "classifier model not ready");
      return false;
    }
  }

  return {
    kind: "vlm",
    modelId: options.model,
    classifyPage,
    ready,
    async close() {
      // The SDK keeps no sockets of its own (global fetch); nothing to release.
    },
  };
}
