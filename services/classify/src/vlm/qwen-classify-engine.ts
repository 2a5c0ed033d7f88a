import { Code, ConnectError } from "@connectrpc/connect";
import type { Logger } from "@docproc/common";
import { prepareForClassifier, type PageHandle } from "@docproc/ingest";
import OpenAI from "openai";
import type { ClassifyEngine, PageVerdict } from "../engine.js";
import { CLASS_LABELS, buildClassifyInstruction } from "./class-labels.js";
import { verdictFromCompletion } from "./verdict-from-completion.js";

export interface QwenClassifyEngineOptions {
  /** The OpenAI-compatible base URL including "/v1", e.g. "http://qwen-vl:8000/v1". */
  baseUrl: string;
  /** The served model name (vLLM --served-model-name, or the HF id). */
  model: string;
  /** vLLM --api-key, when set. */
  apiKey?: string;
  /** Per request; there are no SDK retries (maxRetries 0), the caller's deadline rules. */
  timeoutMs: number;
  /** Calibration temperature T applied to the class logits: p ∝ exp(logprob / T). */
  temperature: number;
  /** Pixel budget of the page image sent to the model (about 1 MP). */
  maxPixels: number;
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

/**
 * Maps SDK failures to the service's codes. An abort is the caller's deadline or cancellation: its
 * reason is rethrown as it is. Messages name the status only, never the URL or the key.
 */
function toConnectError(error: unknown, signal: AbortSignal): ConnectError {
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof ConnectError) return reason;
    const timedOut = reason instanceof Error && reason.name === "TimeoutError";
    return new ConnectError(timedOut ? "deadline exceeded" : "request cancelled", timedOut ? Code.DeadlineExceeded : Code.Canceled);
  }
  if (error instanceof ConnectError) return error;
  if (error instanceof OpenAI.APIUserAbortError) return new ConnectError("classifier request cancelled", Code.Canceled);
  if (error instanceof OpenAI.APIConnectionTimeoutError) return new ConnectError("classifier model timed out", Code.Unavailable);
  if (error instanceof OpenAI.APIConnectionError) return new ConnectError("classifier model unreachable", Code.Unavailable);
  if (error instanceof OpenAI.APIError && typeof error.status === "number") {
    const status = error.status;
    if (status === 429) return new ConnectError("classifier model overloaded (HTTP 429)", Code.ResourceExhausted);
    if (status >= 500 || status === 408) return new ConnectError(`classifier model failed (HTTP ${status})`, Code.Unavailable);
    const kind = typeof error.type === "string" && /^[\w.-]{1,40}$/.test(error.type) ? ` ${error.type}` : "";
    return new ConnectError(`classifier model rejected the request (HTTP ${status}${kind})`, Code.Internal);
  }
  return new ConnectError("classifier request failed", Code.Internal);
}

/**
 * Qwen2.5-VL over vLLM's OpenAI-compatible API: one request per page, greedy, the answer
 * constrained to the 13 labels, and the class distribution read from the first token's
 * log-probabilities (model-serving.md §B4-B5).
 */
export function createQwenClassifyEngine(options: QwenClassifyEngineOptions): ClassifyEngine {
  if (!(options.temperature > 0) || !Number.isFinite(options.temperature)) {
    throw new RangeError(`temperature must be a positive number, got ${options.temperature}`);
  }
  const client = new OpenAI({
    baseURL: options.baseUrl,
    // The SDK refuses to start without a key; vLLM without --api-key accepts any.
    apiKey: options.apiKey || "EMPTY",
    maxRetries: 0,
    timeout: options.timeoutMs,
  });
  const choices = [...CLASS_LABELS];

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
      completion = await client.chat.completions.create(params, { signal, timeout: options.timeoutMs, maxRetries: 0 });
    } catch (error) {
      const mapped = toConnectError(error, signal);
      options.logger?.warn({ page: page.index, code: Code[mapped.code] }, "classifier request failed");
      throw mapped;
    }
    return verdictFromCompletion(completion, options.temperature, options.logger);
  }

  async function ready(signal?: AbortSignal): Promise<boolean> {
    try {
      const models = await client.models.list({ ...(signal ? { signal } : {}), timeout: options.timeoutMs, maxRetries: 0 });
      return models.data.some((model) => model.id === options.model);
    } catch (error) {
      options.logger?.debug({ error: error instanceof Error ? error.name : typeof error }, "classifier model not ready");
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
