import { ConfigError } from "@docproc/common";
import { describe, expect, it } from "vitest";
import { describeConfig, loadConfig } from "./config.js";

describe("extract loadConfig", () => {
  it("defaults to the CPU engine on 127.0.0.1:50052 without a model URL", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 50052,
      logLevel: "info",
      shutdownGraceMs: 10_000,
      maxMessageBytes: 64 * 1024 * 1024,
      engine: "cpu",
      pageConcurrency: 16,
      ingest: {
        fetchTimeoutMs: 15_000,
        fetchMaxBytes: 50 * 1024 * 1024,
        maxPages: 100,
        maxPixelsPerPage: 80_000_000,
        allowPrivateNetworks: false,
        allowHttp: false,
      },
      vlm: { baseUrl: undefined, model: "rednote-hilab/dots.ocr", timeoutMs: 300_000, maxCompletionTokens: 16_384 },
    });
    expect(config.ocrWorkers).toBeGreaterThan(0);
  });

  it("picks the VLM engine when a model URL is set, unless told otherwise", () => {
    expect(loadConfig({ EXTRACT_VLM_BASE_URL: "http://vllm:8000/v1" }).engine).toBe("vlm");
    expect(loadConfig({ EXTRACT_VLM_BASE_URL: "http://vllm:8000/v1", EXTRACT_ENGINE: "cpu" }).engine).toBe("cpu");
  });

  it("refuses EXTRACT_ENGINE=vlm without a base URL, listing every bad key", () => {
    expect(() => loadConfig({ EXTRACT_ENGINE: "vlm", EXTRACT_PORT: "x" })).toThrow(ConfigError);
    try {
      loadConfig({ EXTRACT_ENGINE: "vlm", EXTRACT_PORT: "x" });
    } catch (error) {
      expect((error as Error).message).toContain("EXTRACT_VLM_BASE_URL: required when EXTRACT_ENGINE=vlm");
      expect((error as Error).message).toContain("EXTRACT_PORT");
    }
  });

  it("reads flags with stringbool and never shows the API key in the loggable form", () => {
    const config = loadConfig({
      FETCH_ALLOW_HTTP: "true",
      FETCH_ALLOW_PRIVATE_NETWORKS: "false",
      EXTRACT_VLM_BASE_URL: "http://vllm:8000/v1",
      EXTRACT_VLM_API_KEY: "sk-secret",
    });
    expect(config.ingest.allowHttp).toBe(true);
    expect(config.ingest.allowPrivateNetworks).toBe(false);
    expect(config.vlm.apiKey).toBe("sk-secret");
    const described = JSON.stringify(describeConfig(config));
    expect(described).not.toContain("sk-secret");
    expect(described).toContain('"apiKeySet":true');
  });

  it("reads the hardening knobs: back-pressure, retries, metrics port (0 disables) and the OTLP endpoint", () => {
    expect(loadConfig({})).toMatchObject({
      metricsPort: 9102,
      maxInflightRequests: 32,
      maxInflightPages: 64,
      otlpEndpoint: undefined,
      vlm: { retry: { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 8_000 } },
    });
    const config = loadConfig({
      EXTRACT_METRICS_PORT: "0",
      EXTRACT_MAX_INFLIGHT_REQUESTS: "4",
      EXTRACT_MAX_INFLIGHT_PAGES: "10",
      EXTRACT_VLM_MAX_ATTEMPTS: "1",
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://otel:4318",
    });
    expect(config).toMatchObject({ metricsPort: undefined, maxInflightRequests: 4, maxInflightPages: 10, otlpEndpoint: "http://otel:4318" });
    expect(config.vlm.retry.maxAttempts).toBe(1);
    expect(() => loadConfig({ EXTRACT_MAX_INFLIGHT_PAGES: "0" })).toThrow(/EXTRACT_MAX_INFLIGHT_PAGES/);
  });
});
