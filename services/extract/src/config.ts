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
  };
  /** Pages read at once per request (vLLM batches them). */
  pageConcurrency: number;
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
    },
    pageConcurrency: parsed.EXTRACT_PAGE_CONCURRENCY,
  };
}

/** The configuration as it may be logged: the API key only as "set or not". */
export function describeConfig(config: ExtractConfig): Record<string, unknown> {
  const { apiKey, ...vlm } = config.vlm;
  return { ...config, vlm: { ...vlm, apiKeySet: apiKey !== undefined } };
}
