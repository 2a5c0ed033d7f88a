import { ConfigError } from "@docproc/common";
import { describe, expect, it } from "vitest";
import { digestApiKey, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("applies the defaults", () => {
    const config = loadConfig({ GATEWAY_API_KEY: "k1" });
    expect(config).toMatchObject({
      port: 8000,
      host: "0.0.0.0",
      authDisabled: false,
      classifyAddr: "dns:///127.0.0.1:50051",
      extractAddr: "dns:///127.0.0.1:50052",
      logLevel: "info",
      maxRequestBytes: 64 * 1024 * 1024,
      defaultDeadlineMs: 120_000,
      maxDeadlineMs: 600_000,
      healthCacheMs: 3000,
      shutdownGraceMs: 10_000,
      rateLimit: { requests: 600, windowSeconds: 60 },
      maxPagesInFlightPerKey: 200,
      backendRetry: { maxAttempts: 3, initialBackoffMs: 200, maxBackoffMs: 2000 },
      metricsRequireKey: false,
      otlpEndpoint: undefined,
    });
    expect(config.rateLimitOverrides.size).toBe(0);
    expect(config.apiKeys).toEqual([{ name: "default", sha256: digestApiKey("k1") }]);
  });

  it("reads named keys and keeps only their digests", () => {
    const config = loadConfig({ GATEWAY_API_KEY: "k0", GATEWAY_API_KEYS: "ci:k1, web.app:k:2" });
    expect(config.apiKeys.map((key) => key.name)).toEqual(["default", "ci", "web.app"]);
    expect(config.apiKeys[2]?.sha256).toEqual(digestApiKey("k:2"));
    expect(JSON.stringify(config)).not.toContain("k:2");
  });

  it("refuses to start without a key unless auth is disabled explicitly", () => {
    expect(() => loadConfig({})).toThrow(
      "no API key configured: set GATEWAY_API_KEY or GATEWAY_API_KEYS (or GATEWAY_AUTH_DISABLED=true for local use)",
    );
    expect(() => loadConfig({ GATEWAY_AUTH_DISABLED: "false" })).toThrow(ConfigError);
    expect(loadConfig({ GATEWAY_AUTH_DISABLED: "true" }).authDisabled).toBe(true);
  });

  it("lists every bad variable without echoing key values", () => {
    expect(configError({ GATEWAY_API_KEY: "k", GATEWAY_PORT: "99999", MAX_REQUEST_BYTES: "-1" })).toMatch(/GATEWAY_PORT[\s\S]*MAX_REQUEST_BYTES/);
    const keysIssue = configError({ GATEWAY_API_KEYS: "good:k1,secret-without-name,good:k2" });
    expect(keysIssue).toContain("item 2 is not 'name:key'");
    expect(keysIssue).toContain("duplicate key name 'good'");
    expect(keysIssue).not.toContain("secret-without-name");
    expect(keysIssue).not.toContain("k2");
  });

  it("rejects a default deadline above the maximum and a bad boolean", () => {
    expect(() => loadConfig({ GATEWAY_API_KEY: "k", DEFAULT_DEADLINE_MS: "700000" })).toThrow("DEFAULT_DEADLINE_MS");
    expect(() => loadConfig({ GATEWAY_API_KEY: "k", GATEWAY_AUTH_DISABLED: "maybe" })).toThrow("GATEWAY_AUTH_DISABLED");
  });
});

describe("quotas and retries", () => {
  it("reads per-key rate overrides for configured names and 'anonymous'", () => {
    const config = loadConfig({
      GATEWAY_API_KEYS: "batch:k1,web:k2",
      RATE_LIMIT_REQUESTS: "100",
      RATE_LIMIT_WINDOW: "10",
      RATE_LIMIT_OVERRIDES: "batch:6000/60, anonymous:5/1",
      MAX_PAGES_IN_FLIGHT_PER_KEY: "0",
    });
    expect(config.rateLimit).toEqual({ requests: 100, windowSeconds: 10 });
    expect([...config.rateLimitOverrides]).toEqual([
      ["batch", { requests: 6000, windowSeconds: 60 }],
      ["anonymous", { requests: 5, windowSeconds: 1 }],
    ]);
    expect(config.maxPagesInFlightPerKey).toBe(0);
  });

  it("reports malformed, unknown and duplicate overrides", () => {
    const message = configError({ GATEWAY_API_KEYS: "batch:k1", RATE_LIMIT_OVERRIDES: "batch:10,ghost:1/1,batch:1/0,batch:2/2,batch:3/3" });
    expect(message).toContain("item 1 is not 'name:requests/windowSeconds'");
    expect(message).toContain("'ghost' is not a configured key name");
    expect(message).toContain("'batch' needs a window of at least 1 second");
    expect(message).toContain("'batch' is listed twice");
  });

  it("bounds the retry policy and the longest deadline", () => {
    expect(configError({ GATEWAY_API_KEY: "k", BACKEND_MAX_ATTEMPTS: "9" })).toContain("BACKEND_MAX_ATTEMPTS");
    expect(configError({ GATEWAY_API_KEY: "k", BACKEND_RETRY_INITIAL_BACKOFF_MS: "5000" })).toContain("BACKEND_RETRY_INITIAL_BACKOFF_MS");
    expect(configError({ GATEWAY_API_KEY: "k", MAX_DEADLINE_MS: "90000000" })).toContain("MAX_DEADLINE_MS: must not exceed");
    expect(loadConfig({ GATEWAY_API_KEY: "k", BACKEND_MAX_ATTEMPTS: "1", METRICS_REQUIRE_KEY: "true" })).toMatchObject({
      backendRetry: { maxAttempts: 1 },
      metricsRequireKey: true,
    });
  });
});

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("loadConfig accepted a bad environment");
}
