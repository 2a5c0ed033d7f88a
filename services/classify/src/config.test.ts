import { ConfigError } from "@docproc/common";
import { describe, expect, it } from "vitest";
import { describeConfig, loadConfig } from "./config.js";

describe("classify loadConfig", () => {
  it("defaults to the CPU engine on 127.0.0.1:50051 without a model URL", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 50051,
      engine: "cpu",
      maxPages: 3,
      vlm: {
        baseUrl: undefined,
        model: "Qwen/Qwen2.5-VL-7B-Instruct",
        timeoutMs: 60_000,
        temperature: 1,
        maxPixels: 1_003_520,
      },
    });
  });

  it("picks the VLM engine when a model URL is set and reads the calibration temperature", () => {
    const config = loadConfig({ CLASSIFY_VLM_BASE_URL: "http://qwen:8000/v1", CLASSIFY_TEMPERATURE: "1.7", HOST: "0.0.0.0" });
    expect(config.engine).toBe("vlm");
    expect(config.vlm.temperature).toBe(1.7);
    expect(config.host).toBe("0.0.0.0");
  });

  it("refuses CLASSIFY_ENGINE=vlm without a base URL and bad numbers", () => {
    let message = "";
    try {
      loadConfig({ CLASSIFY_ENGINE: "vlm", CLASSIFY_TEMPERATURE: "-1", CLASSIFY_MAX_PAGES: "0" });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toContain("CLASSIFY_VLM_BASE_URL");
    expect(message).toContain("CLASSIFY_TEMPERATURE");
    expect(message).toContain("CLASSIFY_MAX_PAGES");
  });

  it("never shows the API key in the loggable form", () => {
    const config = loadConfig({ CLASSIFY_VLM_BASE_URL: "http://qwen:8000/v1", CLASSIFY_VLM_API_KEY: "sk-secret" });
    const described = JSON.stringify(describeConfig(config));
    expect(described).not.toContain("sk-secret");
    expect(described).toContain('"apiKeySet":true');
  });

  it("reads the metrics port (0 disables), the in-flight limit and the OTLP endpoint", () => {
    expect(loadConfig({})).toMatchObject({ metricsPort: 9101, maxInflightRequests: 64, otlpEndpoint: undefined });
    expect(loadConfig({ CLASSIFY_METRICS_PORT: "0", CLASSIFY_MAX_INFLIGHT_REQUESTS: "2" })).toMatchObject({ metricsPort: undefined, maxInflightRequests: 2 });
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "not a url" })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});
