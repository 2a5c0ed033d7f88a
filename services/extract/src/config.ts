import { loadBackendConfig, positiveInt, type BackendConfig } from "@docproc/common";

/** Extract's own variables; the shared ones (EXTRACT_PORT, HOST, EXTRACT_VLM_*, …) are in @docproc/common's backend-env. */
const extractEnv = {
  EXTRACT_VLM_MAX_COMPLETION_TOKENS: positiveInt(16_384),
  EXTRACT_PAGE_CONCURRENCY: positiveInt(16),
  /** Pages of admitted documents not yet read, across calls; a document that does not fit is refused. */
  EXTRACT_MAX_INFLIGHT_PAGES: positiveInt(64),
  /** Requests per page to vLLM on connection errors, 5xx and 429 (1 = no retry). */
  EXTRACT_VLM_MAX_ATTEMPTS: positiveInt(3),
  EXTRACT_VLM_RETRY_BASE_DELAY_MS: positiveInt(500),
  EXTRACT_VLM_RETRY_MAX_DELAY_MS: positiveInt(8_000),
};

/** The extract service's configuration, parsed once in main.ts. */
export interface ExtractConfig extends BackendConfig {
  vlm: BackendConfig["vlm"] & {
    maxCompletionTokens: number;
    /** Retries of one page's request on transient failures (full-jitter backoff, Retry-After honoured). */
    retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  };
  /** Pages read at once across all calls (vLLM batches them). */
  pageConcurrency: number;
  maxInflightPages: number;
}

/** Parses the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): ExtractConfig {
  const { config, own } = loadBackendConfig(
    { prefix: "EXTRACT", port: 50052, metricsPort: 9102, vlmModel: "rednote-hilab/dots.ocr", vlmTimeoutMs: 300_000, maxInflightRequests: 32 },
    extractEnv,
    env,
  );
  return {
    ...config,
    vlm: {
      ...config.vlm,
      maxCompletionTokens: own.EXTRACT_VLM_MAX_COMPLETION_TOKENS,
      retry: {
        maxAttempts: own.EXTRACT_VLM_MAX_ATTEMPTS,
        baseDelayMs: own.EXTRACT_VLM_RETRY_BASE_DELAY_MS,
        maxDelayMs: own.EXTRACT_VLM_RETRY_MAX_DELAY_MS,
      },
    },
    pageConcurrency: own.EXTRACT_PAGE_CONCURRENCY,
    maxInflightPages: own.EXTRACT_MAX_INFLIGHT_PAGES,
  };
}

export { describeBackendConfig as describeConfig } from "@docproc/common";
