import { availableParallelism } from "node:os";
import { z } from "zod";
import { logLevel, positiveInt, stringBool, url } from "./config-helpers.js";

const MIB = 1024 * 1024;

/**
 * Variables every backend gRPC server reads (classify, extract). Each
 * service's config.ts spreads these into its own z.object next to its port.
 */
export const backendServerEnv = {
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
export const ingestEnv = {
  FETCH_TIMEOUT_MS: positiveInt(15_000),
  FETCH_MAX_BYTES: positiveInt(50 * MIB),
  MAX_PAGES: positiveInt(100),
  MAX_PIXELS_PER_PAGE: positiveInt(80_000_000),
  FETCH_ALLOW_PRIVATE_NETWORKS: stringBool(false),
  FETCH_ALLOW_HTTP: stringBool(false),
};

/** The parsed backend server variables, named as in code. */
export interface BackendServerConfig {
  host: string;
  logLevel: string;
  shutdownGraceMs: number;
  maxMessageBytes: number;
  ocrWorkers: number;
  /** OTLP/HTTP collector base URL, or undefined (tracing off). */
  otlpEndpoint: string | undefined;
}

/** The parsed ingest variables, in the shape createPageLoader takes. */
export interface IngestConfig {
  fetchTimeoutMs: number;
  fetchMaxBytes: number;
  maxPages: number;
  maxPixelsPerPage: number;
  allowPrivateNetworks: boolean;
  allowHttp: boolean;
}

type Parsed<T extends Record<string, z.ZodType>> = z.output<z.ZodObject<T>>;

export function toBackendServerConfig(env: Parsed<typeof backendServerEnv>): BackendServerConfig {
  return {
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    maxMessageBytes: env.MAX_MESSAGE_BYTES,
    ocrWorkers: env.OCR_WORKERS,
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
  };
}

export function toIngestConfig(env: Parsed<typeof ingestEnv>): IngestConfig {
  return {
    fetchTimeoutMs: env.FETCH_TIMEOUT_MS,
    fetchMaxBytes: env.FETCH_MAX_BYTES,
    maxPages: env.MAX_PAGES,
    maxPixelsPerPage: env.MAX_PIXELS_PER_PAGE,
    allowPrivateNetworks: env.FETCH_ALLOW_PRIVATE_NETWORKS,
    allowHttp: env.FETCH_ALLOW_HTTP,
  };
}

/**
 * The engine to run: the one named, or "vlm" when a model base URL is set
 * and "cpu" otherwise.
 */
export function resolveEngineKind(named: "vlm" | "cpu" | undefined, baseUrl: string | undefined): "vlm" | "cpu" {
  return named ?? (baseUrl ? "vlm" : "cpu");
}
