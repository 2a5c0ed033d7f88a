import { availableParallelism } from "node:os";
import { z } from "zod";
import { loadConfig, logLevel, port, positiveInt, stringBool, url } from "./config-helpers.js";

const MIB = 1024 * 1024;

/** Variables every backend gRPC server reads under these names. */
const serverEnv = {
  /** 127.0.0.1 for local runs; Docker sets 0.0.0.0. */
  HOST: z.string().min(1).default("127.0.0.1"),
  LOG_LEVEL: logLevel(),
  SHUTDOWN_GRACE_MS: positiveInt(10_000),
  MAX_MESSAGE_BYTES: positiveInt(64 * MIB),
  /** tesseract.js workers for the CPU engine; default one per core. */
  OCR_WORKERS: positiveInt(availableParallelism()),
  /** OTLP/HTTP collector base URL (the standard OpenTelemetry variable); unset: no tracing. */
  OTEL_EXPORTER_OTLP_ENDPOINT: url(),
};

/** Variables of document loading (@docproc/ingest), shared by both backends. */
const ingestEnv = {
  FETCH_TIMEOUT_MS: positiveInt(15_000),
  FETCH_MAX_BYTES: positiveInt(50 * MIB),
  MAX_PAGES: positiveInt(100),
  MAX_PIXELS_PER_PAGE: positiveInt(80_000_000),
  FETCH_ALLOW_PRIVATE_NETWORKS: stringBool(false),
  FETCH_ALLOW_HTTP: stringBool(false),
};

/** Defaults of the variables each backend names with its own prefix. */
export interface BackendEnvDefaults {
  /** "CLASSIFY" reads CLASSIFY_PORT, CLASSIFY_ENGINE, CLASSIFY_VLM_BASE_URL, … */
  prefix: string;
  port: number;
  metricsPort: number;
  vlmModel: string;
  vlmTimeoutMs: number;
  maxInflightRequests: number;
}

/** Variables named `${prefix}_${key}`. */
function prefixedEnv(defaults: BackendEnvDefaults) {
  return {
    PORT: port(defaults.port),
    ENGINE: z.enum(["vlm", "cpu"]).optional(),
    VLM_BASE_URL: url(),
    VLM_MODEL: z.string().min(1).default(defaults.vlmModel),
    VLM_API_KEY: z.string().optional(),
    VLM_TIMEOUT_MS: positiveInt(defaults.vlmTimeoutMs),
    /** /metrics, /live, /ready on HOST; 0 disables. */
    METRICS_PORT: port(defaults.metricsPort),
    /** Calls handled at once; one more is answered RESOURCE_EXHAUSTED. */
    MAX_INFLIGHT_REQUESTS: positiveInt(defaults.maxInflightRequests),
  };
}

type Parsed<T extends Record<string, z.ZodType>> = z.output<z.ZodObject<T>>;

/** The parsed ingest variables, in the shape createPageLoader takes. */
export interface IngestConfig {
  fetchTimeoutMs: number;
  fetchMaxBytes: number;
  maxPages: number;
  maxPixelsPerPage: number;
  allowPrivateNetworks: boolean;
  allowHttp: boolean;
}

/** What every backend's configuration holds; classify and extract extend it. */
export interface BackendConfig {
  host: string;
  port: number;
  logLevel: string;
  shutdownGraceMs: number;
  maxMessageBytes: number;
  ocrWorkers: number;
  /** OTLP/HTTP collector base URL, or undefined (tracing off). */
  otlpEndpoint: string | undefined;
  ingest: IngestConfig;
  /** The engine named by <PREFIX>_ENGINE, else "vlm" when a model base URL is set and "cpu" otherwise. */
  engine: "vlm" | "cpu";
  vlm: {
    /** The vLLM OpenAI-compatible base URL (".../v1"); set when engine is vlm. */
    baseUrl: string | undefined;
    model: string;
    apiKey: string | undefined;
    timeoutMs: number;
  };
  /** Port of /metrics, /live and /ready, or undefined when disabled (<PREFIX>_METRICS_PORT=0). */
  metricsPort: number | undefined;
  maxInflightRequests: number;
}

/**
 * Parses the shared backend variables plus `ownEnv` (the service's own,
 * full names) in one schema, so one ConfigError lists every bad variable.
 * Returns the shared part as BackendConfig and the service's own values.
 */
export function loadBackendConfig<S extends Record<string, z.ZodType>>(
  defaults: BackendEnvDefaults,
  ownEnv: S,
  env: Record<string, string | undefined>,
): { config: BackendConfig; own: Parsed<S> } {
  const { prefix } = defaults;
  const prefixedShape = prefixedEnv(defaults);
  const named = (key: string): string => `${prefix}_${key}`;
  // Typed loosely: the prefixed keys are only known at run time; the parts are typed again below.
  const shape: Record<string, z.ZodType> = {
    ...Object.fromEntries(Object.entries(prefixedShape).map(([key, value]) => [named(key), value])),
    ...serverEnv,
    ...ingestEnv,
    ...ownEnv,
  };
  const schema = z
    .object(shape)
    .refine((values) => values[named("ENGINE")] !== "vlm" || Boolean(values[named("VLM_BASE_URL")]), {
      path: [named("VLM_BASE_URL")],
      message: `required when ${named("ENGINE")}=vlm`,
      // Also run when other keys are bad, so one error lists every problem
      // (the two keys read here are plain strings either way).
      when: () => true,
    });
  const values: Record<string, unknown> = loadConfig(schema, env);
  const mine = Object.fromEntries(Object.keys(prefixedShape).map((key) => [key, values[named(key)]])) as Parsed<ReturnType<typeof prefixedEnv>>;
  const server = values as Parsed<typeof serverEnv>;
  const ingest = values as Parsed<typeof ingestEnv>;
  return {
    config: {
      host: server.HOST,
      port: mine.PORT,
      logLevel: server.LOG_LEVEL,
      shutdownGraceMs: server.SHUTDOWN_GRACE_MS,
      maxMessageBytes: server.MAX_MESSAGE_BYTES,
      ocrWorkers: server.OCR_WORKERS,
      otlpEndpoint: server.OTEL_EXPORTER_OTLP_ENDPOINT,
      ingest: {
        fetchTimeoutMs: ingest.FETCH_TIMEOUT_MS,
        fetchMaxBytes: ingest.FETCH_MAX_BYTES,
        maxPages: ingest.MAX_PAGES,
        maxPixelsPerPage: ingest.MAX_PIXELS_PER_PAGE,
        allowPrivateNetworks: ingest.FETCH_ALLOW_PRIVATE_NETWORKS,
        allowHttp: ingest.FETCH_ALLOW_HTTP,
      },
      engine: mine.ENGINE ?? (mine.VLM_BASE_URL ? "vlm" : "cpu"),
      vlm: { baseUrl: mine.VLM_BASE_URL, model: mine.VLM_MODEL, apiKey: mine.VLM_API_KEY, timeoutMs: mine.VLM_TIMEOUT_MS },
      metricsPort: mine.METRICS_PORT === 0 ? undefined : mine.METRICS_PORT,
      maxInflightRequests: mine.MAX_INFLIGHT_REQUESTS,
    },
    own: values as Parsed<S>,
  };
}

/** A backend configuration as it may be logged: the API key only as "set or not". */
export function describeBackendConfig(config: { vlm: { apiKey: string | undefined } }): Record<string, unknown> {
  const { apiKey, ...vlm } = config.vlm;
  return { ...config, vlm: { ...vlm, apiKeySet: apiKey !== undefined } };
}
