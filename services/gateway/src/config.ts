import { createHash } from "node:crypto";
import { ConfigError, loadConfig as parseEnv, logLevel, port, positiveInt, stringBool, url } from "@docproc/common";
import { z } from "zod";
import type { BackendRetryPolicy } from "./backend-retry.js";
import { parseRateLimitOverrides } from "./rate-limit-overrides.js";
import type { RateLimit } from "./rate-limiter.js";

/** One configured API key. Only its SHA-256 digest is kept, so the config object can never leak a key into a log. */
export interface ApiKeyEntry {
  /** The key's name: the principal logged and passed to handlers. */
  name: string;
  /** sha256(key). */
  sha256: Buffer;
}

/** The gateway's typed configuration, parsed once from the environment by loadConfig. */
export interface GatewayConfig {
  port: number;
  host: string;
  /** Accepted keys; empty only when authDisabled. */
  apiKeys: readonly ApiKeyEntry[];
  authDisabled: boolean;
  /** grpc-js targets, such as "dns:///classify:50051". */
  classifyAddr: string;
  extractAddr: string;
  logLevel: string;
  /** The largest request body or RPC message accepted. */
  maxRequestBytes: number;
  /** The backend deadline when the caller sets none. */
  defaultDeadlineMs: number;
  /** Caller deadlines above this are capped to it (not refused); also caps the REST deadline. */
  maxDeadlineMs: number;
  /** How long a backend health result is reused. */
  healthCacheMs: number;
  /** How long in-flight calls may run after SIGTERM. */
  shutdownGraceMs: number;
  /** Requests per window of each key without an override; requests 0 turns rate limiting off. */
  rateLimit: RateLimit;
  /** Per-key-name rates (RATE_LIMIT_OVERRIDES). */
  rateLimitOverrides: ReadonlyMap<string, RateLimit>;
  /** Pages one key may have in flight (one per source, see page-limiter.ts); 0 turns the cap off. */
  maxPagesInFlightPerKey: number;
  /** Retries of backend calls that fail with UNAVAILABLE. */
  backendRetry: BackendRetryPolicy;
  /** Whether GET /metrics needs an API key (it is open, like /health, by default). */
  metricsRequireKey: boolean;
  /** OTLP/HTTP collector base URL; traces are exported only when set. */
  otlpEndpoint: string | undefined;
}

const KEY_NAME = /^[A-Za-z0-9._-]{1,64}$/;

const nonNegativeInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const envSchema = z.object({
  GATEWAY_PORT: port(8000),
  GATEWAY_HOST: z.string().default("0.0.0.0"),
  GATEWAY_API_KEY: z.string().optional(),
  GATEWAY_API_KEYS: z.string().optional(),
  GATEWAY_AUTH_DISABLED: stringBool(false),
  CLASSIFY_ADDR: z.string().default("dns:///127.0.0.1:50051"),
  EXTRACT_ADDR: z.string().default("dns:///127.0.0.1:50052"),
  LOG_LEVEL: logLevel("info"),
  MAX_REQUEST_BYTES: positiveInt(64 * 1024 * 1024),
  DEFAULT_DEADLINE_MS: positiveInt(120_000),
  MAX_DEADLINE_MS: positiveInt(600_000),
  HEALTH_CACHE_MS: nonNegativeInt(3000),
  SHUTDOWN_GRACE_MS: nonNegativeInt(10_000),
  RATE_LIMIT_REQUESTS: nonNegativeInt(600),
  RATE_LIMIT_WINDOW: positiveInt(60),
  RATE_LIMIT_OVERRIDES: z.string().optional(),
  MAX_PAGES_IN_FLIGHT_PER_KEY: nonNegativeInt(200),
  BACKEND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(5).default(3),
  BACKEND_RETRY_INITIAL_BACKOFF_MS: positiveInt(200),
  BACKEND_RETRY_MAX_BACKOFF_MS: positiveInt(2000),
  METRICS_REQUIRE_KEY: stringBool(false),
  OTEL_EXPORTER_OTLP_ENDPOINT: url(),
});

// Node timers hold at most 2^31-1 ms; Connect arms one for the caller's
// deadline after it is capped to this (see deadline-cap.ts).
const LONGEST_DEADLINE_MS = 24 * 60 * 60 * 1000;

/**
 * Parses and validates the gateway's environment. Throws ConfigError (from
 * @docproc/common) listing every problem; never includes a key value.
 */
export function loadConfig(env: Record<string, string | undefined>): GatewayConfig {
  // Empty values count as unset (compose files write `KEY=`); values are never echoed.
  const e = parseEnv(envSchema, env);
  const problems: string[] = [];
  const apiKeys = parseApiKeys(e.GATEWAY_API_KEY, e.GATEWAY_API_KEYS, problems);
  if (apiKeys.length === 0 && !e.GATEWAY_AUTH_DISABLED && problems.length === 0) {
    problems.push("no API key configured: set GATEWAY_API_KEY or GATEWAY_API_KEYS (or GATEWAY_AUTH_DISABLED=true for local use)");
  }
  if (e.DEFAULT_DEADLINE_MS > e.MAX_DEADLINE_MS) {
    problems.push("DEFAULT_DEADLINE_MS: must not exceed MAX_DEADLINE_MS");
  }
  if (e.MAX_DEADLINE_MS > LONGEST_DEADLINE_MS) {
    problems.push(`MAX_DEADLINE_MS: must not exceed ${LONGEST_DEADLINE_MS} (24 h)`);
  }
  if (e.BACKEND_RETRY_INITIAL_BACKOFF_MS > e.BACKEND_RETRY_MAX_BACKOFF_MS) {
    problems.push("BACKEND_RETRY_INITIAL_BACKOFF_MS: must not exceed BACKEND_RETRY_MAX_BACKOFF_MS");
  }
  const keyNames = new Set([...apiKeys.map((key) => key.name), "anonymous"]);
  const rateLimitOverrides = parseRateLimitOverrides(e.RATE_LIMIT_OVERRIDES, keyNames, problems);
  if (problems.length > 0) {
    throw new ConfigError(`invalid configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
  return {
    port: e.GATEWAY_PORT,
    host: e.GATEWAY_HOST,
    apiKeys,
    authDisabled: e.GATEWAY_AUTH_DISABLED,
    classifyAddr: e.CLASSIFY_ADDR,
    extractAddr: e.EXTRACT_ADDR,
    logLevel: e.LOG_LEVEL,
    maxRequestBytes: e.MAX_REQUEST_BYTES,
    defaultDeadlineMs: e.DEFAULT_DEADLINE_MS,
    maxDeadlineMs: e.MAX_DEADLINE_MS,
    healthCacheMs: e.HEALTH_CACHE_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    rateLimit: { requests: e.RATE_LIMIT_REQUESTS, windowSeconds: e.RATE_LIMIT_WINDOW },
    rateLimitOverrides,
    maxPagesInFlightPerKey: e.MAX_PAGES_IN_FLIGHT_PER_KEY,
    backendRetry: {
      maxAttempts: e.BACKEND_MAX_ATTEMPTS,
      initialBackoffMs: e.BACKEND_RETRY_INITIAL_BACKOFF_MS,
      maxBackoffMs: e.BACKEND_RETRY_MAX_BACKOFF_MS,
    },
    metricsRequireKey: e.METRICS_REQUIRE_KEY,
    otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
  };
}

/** The digest the auth check compares against. */
export function digestApiKey(key: string): Buffer {
  return createHash("sha256").update(key, "utf8").digest();
}

function parseApiKeys(single: string | undefined, list: string | undefined, problems: string[]): ApiKeyEntry[] {
  const entries: ApiKeyEntry[] = [];
  const names = new Set<string>();
  const add = (name: string, key: string) => {
    if (names.has(name)) {
      problems.push(`GATEWAY_API_KEYS: duplicate key name '${name}'`);
      return;
    }
    names.add(name);
    entries.push({ name, sha256: digestApiKey(key) });
  };
  if (single !== undefined) add("default", single);
  if (list !== undefined) {
    list.split(",").forEach((item, index) => {
      const trimmed = item.trim();
      const colon = trimmed.indexOf(":");
      const name = colon > 0 ? trimmed.slice(0, colon) : "";
      const key = colon > 0 ? trimmed.slice(colon + 1) : "";
      if (!KEY_NAME.test(name) || key.length === 0) {
        // Position only: the item itself may be a key.
        problems.push(`GATEWAY_API_KEYS: item ${index + 1} is not 'name:key' (name: 1-64 of [A-Za-z0-9._-])`);
        return;
      }
      add(name, key);
    });
  }
  return entries;
}
