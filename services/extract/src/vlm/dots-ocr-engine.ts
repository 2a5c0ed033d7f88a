import { Code, ConnectError } from "@connectrpc/connect";
import { createLimiter, type EngineMetrics, type Logger } from "@docproc/common";
import { PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { ExtractEngine, ReadPagesInput } from "../engine.js";
import { createDotsOcrClient } from "./dots-ocr-client.js";
import { effectivePromptMode } from "./dots-ocr-prompts.js";
import { abortReason } from "./model-server-error.js";
import { createPageCompleter, type RetryPolicy } from "./page-completer.js";
import { type ReadDotsPageInput, readDotsPage } from "./read-dots-page.js";

/** How long ready() waits for GET /models. */
const READY_TIMEOUT_MS = 3_000;

export interface DotsOcrEngineOptions {
  /** The vLLM OpenAI-compatible base URL, ending in /v1. */
  baseUrl: string;
  /** vLLM's --served-model-name; also the reported modelId. */
  model: string;
  apiKey?: string;
  /** Per page request. */
  timeoutMs: number;
  maxCompletionTokens: number;
  /** Page requests in flight at once, across all calls of this engine. */
  pageConcurrency: number;
  /** Repeats of a page's request on connection errors, 5xx and 429; default 3 attempts, 0.5 s to 8 s backoff. */
  retry?: RetryPolicy;
  /** Model request counts, durations and retries; optional. */
  metrics?: EngineMetrics;
  logger?: Logger;
}

function validBox(input: ReadPagesInput): boolean {
  const b = input.groundingBox;
  if (!b) return false;
  const inRange = [b.xMin, b.yMin, b.xMax, b.yMax].every((v) => Number.isFinite(v) && v >= 0 && v <= 1);
  return inRange && b.xMax > b.xMin && b.yMax > b.yMin;
}

/**
 * The dots.ocr extract engine over vLLM. Pages run in parallel through one
 * limiter shared by every call, so pageConcurrency bounds the load this
 * process puts on vLLM (and the decoded pages held in memory), whatever the
 * number of concurrent requests. A page's failure is reported in its
 * PageResult and never stops the other pages; only the caller's abort ends
 * the call, and it also aborts every in-flight HTTP request so vLLM stops
 * generating. A page's request is repeated on transient failures (see
 * createPageCompleter) while it keeps its limiter slot, so retries never add
 * load beyond pageConcurrency.
 */
export function createDotsOcrEngine(options: DotsOcrEngineOptions): ExtractEngine {
  const client = createDotsOcrClient(options);
  const limit = createLimiter(options.pageConcurrency, { what: "extract" });
  const logger = options.logger;
  const complete = createPageCompleter(client, { model: options.model, retry: options.retry, metrics: options.metrics, logger });

  return {
    kind: "vlm",
    modelId: options.model,

    async readPages(input, signal) {
      if (signal.aborted) throw abortReason(signal, "extract");
      const mode = effectivePromptMode(input.promptMode);
      if (mode === PromptMode.GROUNDING_OCR && !validBox(input)) {
        throw new ConnectError("grounding_box must be a non-empty box within 0..1 for PROMPT_MODE_GROUNDING_OCR", Code.InvalidArgument);
      }
      const groundingBox = mode === PromptMode.GROUNDING_OCR ? input.groundingBox : undefined;
      const pageInput = (page: ReadPagesInput["pages"][number]): ReadDotsPageInput =>
        groundingBox ? { page, mode, groundingBox } : { page, mode };
      // Queued pages of an abandoned call leave the line when the signal
      // aborts (with the same error readDotsPage would throw), never taking a slot.
      return Promise.all(input.pages.map((page) => limit(() => readDotsPage(complete, pageInput(page), signal, logger), signal)));
    },

    async ready(signal) {
      const timeout = AbortSignal.timeout(READY_TIMEOUT_MS);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      try {
        const models = await client.listModels(combined, READY_TIMEOUT_MS);
        return models.includes(options.model);
      } catch (error) {
        logger?.debug({ err: error instanceof ConnectError ? error.message : "error" }, "dots.ocr not ready");
        return false;
      }
    },

    close() {
      return client.close();
    },
  };
}
