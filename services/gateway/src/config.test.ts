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
    });
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

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("loadConfig accepted a bad environment");
}
