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
    CLASSIFY_PORT: port(50051),
    ...backendServerEnv,
    ...ingestEnv,
    CLASSIFY_ENGINE: z.enum(["vlm", "cpu"]).optional(),
    CLASSIFY_VLM_BASE_URL: url(),
    CLASSIFY_VLM_MODEL: z.string().min(1).default("Qwen/Qwen2.5-VL-7B-Instruct"),
    CLASSIFY_VLM_API_KEY: z.string().optional(),
    CLASSIFY_VLM_TIMEOUT_MS: positiveInt(60_000),
    CLASSIFY_MAX_PAGES: positiveInt(3),
    /** Calibration temperature applied to the label log-probabilities. */
    CLASSIFY_TEMPERATURE: z.coerce.number().positive().default(1),
    CLASSIFY_MAX_PIXELS: positiveInt(1_003_520),
    /** /metrics, /live, /ready on HOST; 0 disables. */
    CLASSIFY_METRICS_PORT: port(9101),
    /** Calls handled at once; one more is answered RESOURCE_EXHAUSTED. */
    CLASSIFY_MAX_INFLIGHT_REQUESTS: positiveInt(64),
  })
  .refine((env) => env.CLASSIFY_ENGINE !== "vlm" || Boolean(env.CLASSIFY_VLM_BASE_URL), {
    path: ["CLASSIFY_VLM_BASE_URL"],
    message: "required when CLASSIFY_ENGINE=vlm",
    // Also run when other keys are bad, so one error lists every problem
    // (the two keys read here are plain strings either way).
    when: () => true,
  });

/** The classify service's configuration, parsed once in main.ts. */
export interface ClassifyConfig extends BackendServerConfig {
  port: number;
  ingest: IngestConfig;
  engine: "vlm" | "cpu";
  vlm: {
    /** The vLLM OpenAI-compatible base URL (".../v1"); set when engine is vlm. */
    baseUrl: string | undefined;
    model: string;
    apiKey: string | undefined;
    timeoutMs: number;
    temperature: number;
    maxPixels: number;
  };
  /** Leading pages classified when the request does not say. */
  maxPages: number;
  /** Port of /metrics, /live and /ready, or undefined when disabled (CLASSIFY_METRICS_PORT=0). */
  metricsPort: number | undefined;
  maxInflightRequests: number;
}

/** Parses the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): ClassifyConfig {
  const parsed = parseEnv(schema, env);
  return {
    ...toBackendServerConfig(parsed),
    port: parsed.CLASSIFY_PORT,
    ingest: toIngestConfig(parsed),
    engine: resolveEngineKind(parsed.CLASSIFY_ENGINE, parsed.CLASSIFY_VLM_BASE_URL),
    vlm: {
      baseUrl: parsed.CLASSIFY_VLM_BASE_URL,
      model: parsed.CLASSIFY_VLM_MODEL,
      apiKey: parsed.CLASSIFY_VLM_API_KEY,
      timeoutMs: parsed.CLASSIFY_VLM_TIMEOUT_MS,
      temperature: parsed.CLASSIFY_TEMPERATURE,
      maxPixels: parsed.CLASSIFY_MAX_PIXELS,
    },
    maxPages: parsed.CLASSIFY_MAX_PAGES,
    metricsPort: parsed.CLASSIFY_METRICS_PORT === 0 ? undefined : parsed.CLASSIFY_METRICS_PORT,
    maxInflightRequests: parsed.CLASSIFY_MAX_INFLIGHT_REQUESTS,
  };
}

/** The configuration as it may be logged: the API key only as "set or not". */
export function describeConfig(config: ClassifyConfig): Record<string, unknown> {
  const { apiKey, ...vlm } = config.vlm;
  return { ...config, vlm: { ...vlm, apiKeySet: apiKey !== undefined } };
}
