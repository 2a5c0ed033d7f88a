import {
  backendServerEnv,
  ingestEnv,
  loadConfig as parseEnv,
  port,
  positiveInt,
  resolveEngineKind,
  toBackendServerConfig,
  toIngestConfig,
  url,
  type BackendServerConfig,
  type IngestConfig,
} from "@docproc/common";
import { z } from "zod";

const schema = z
  .object({
    EXTRACT_PORT: port(50052),
    ...backendServerEnv,
    ...ingestEnv,
    EXTRACT_ENGINE: z.enum(["vlm", "cpu"]).optional(),
    EXTRACT_VLM_BASE_URL: url(),
    EXTRACT_VLM_MODEL: z.string().min(1).default("rednote-hilab/dots.ocr"),
    EXTRACT_VLM_API_KEY: z.string().optional(),
    EXTRACT_VLM_TIMEOUT_MS: positiveInt(300_000),
    EXTRACT_VLM_MAX_COMPLETION_TOKENS: positiveInt(16_384),
    EXTRACT_PAGE_CONCURRENCY: positiveInt(16),
    /** /metrics, /live, /ready on HOST; 0 disables. */
    EXTRACT_METRICS_PORT: port(9102),
    /** Calls handled at once; one more is answered RESOURCE_EXHAUSTED. */
    EXTRACT_MAX_INFLIGHT_REQUESTS: positiveInt(32),
    /** Pages of admitted documents not yet read, across calls; a document that does not fit is refused. */
    EXTRACT_MAX_INFLIGHT_PAGES: positiveInt(64),
    /** Requests per page to vLLM on connection errors, 5xx and 429 (1 = no retry). */
    EXTRACT_VLM_MAX_ATTEMPTS: positiveInt(3),
    EXTRACT_VLM_RETRY_BASE_DELAY_MS: positiveInt(500),
    EXTRACT_VLM_RETRY_MAX_DELAY_MS: positiveInt(8_000),
  })
  .refine((env) => env.EXTRACT_ENGINE !== "vlm" || Boolean(env.EXTRACT_VLM_BASE_URL), {
    path: ["EXTRACT_VLM_BASE_URL"],
    message: "required when EXTRACT_ENGINE=vlm",
    // Also run when other keys are bad, so one error lists every problem
    // (the two keys read here are plain strings either way).
    when: () => true,
  });

/** The extract service's configuration, parsed once in main.ts. */
export interface ExtractConfig extends BackendServerConfig {
  port: number;
  ingest: IngestConfig;
  engine: "vlm" | "cpu";
  vlm: {
    /** The vLLM OpenAI-compatible base URL (".../v1"); set when engine is vlm. */
    baseUrl: string | undefined;
    model: string;
    apiKey: string | undefined;
    timeoutMs: number;
    maxCompletionTokens: number;
    /** Retries of one page's request on transient failures (full-jitter backoff, Retry-After honoured). */
    retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  };
  /** Pages read at once across all calls (vLLM batches them). */
  pageConcurrency: number;
  /** Port of /metrics, /live and /ready, or undefined when disabled (EXTRACT_METRICS_PORT=0). */
  metricsPort: number | undefined;
  maxInflightRequests: number;
  maxInflightPages: number;
}

/** Parses the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): ExtractConfig {
  const parsed = parseEnv(schema, env);
  return {
    ...toBackendServerConfig(parsed),
    port: parsed.EXTRACT_PORT,
    ingest: toIngestConfig(parsed),
    engine: resolveEngineKind(parsed.EXTRACT_ENGINE, parsed.EXTRACT_VLM_BASE_URL),
    vlm: {
      baseUrl: parsed.EXTRACT_VLM_BASE_URL,
      model: parsed.EXTRACT_VLM_MODEL,
      apiKey: parsed.EXTRACT_VLM_API_KEY,
      timeoutMs: parsed.EXTRACT_VLM_TIMEOUT_MS,
      maxCompletionTokens: parsed.EXTRACT_VLM_MAX_COMPLETION_TOKENS,
      retry: {
        maxAttempts: parsed.EXTRACT_VLM_MAX_ATTEMPTS,
        baseDelayMs: parsed.EXTRACT_VLM_RETRY_BASE_DELAY_MS,
        maxDelayMs: parsed.EXTRACT_VLM_RETRY_MAX_DELAY_MS,
      },
    },
    pageConcurrency: parsed.EXTRACT_PAGE_CONCURRENCY,
    metricsPort: parsed.EXTRACT_METRICS_PORT === 0 ? undefined : parsed.EXTRACT_METRICS_PORT,
    maxInflightRequests: parsed.EXTRACT_MAX_INFLIGHT_REQUESTS,
    maxInflightPages: parsed.EXTRACT_MAX_INFLIGHT_PAGES,
  };
}

/** The configuration as it may be logged: the API key only as "set or not". */
export function describeConfig(config: ExtractConfig): Record<string, unknown> {
  const { apiKey, ...vlm } = config.vlm;
  return { ...config, vlm: { ...vlm, apiKeySet: apiKey !== undefined } };
}
