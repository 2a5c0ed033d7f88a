import { createHash } from "node:crypto";
import { ConfigError, loadConfig as parseEnv, logLevel, port, positiveInt, stringBool } from "@docproc/common";
import { z } from "zod";

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
  /** The largest deadline a caller may ask for (also the REST deadline cap). */
  maxDeadlineMs: number;
  /** How long a backend health result is reused. */
  healthCacheMs: number;
  /** How long in-flight calls may run after SIGTERM. */
  shutdownGraceMs: number;
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
});

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
