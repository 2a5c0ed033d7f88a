import { loadBackendConfig, positiveInt, type BackendConfig } from "@docproc/common";
import { z } from "zod";

/** Classify's own variables; the shared ones (CLASSIFY_PORT, HOST, CLASSIFY_VLM_*, …) are in @docproc/common's backend-env. */
const classifyEnv = {
  CLASSIFY_MAX_PAGES: positiveInt(3),
  /** Calibration temperature applied to the label log-probabilities. */
  CLASSIFY_TEMPERATURE: z.coerce.number().positive().default(1),
  CLASSIFY_MAX_PIXELS: positiveInt(1_003_520),
};

/** The classify service's configuration, parsed once in main.ts. */
export interface ClassifyConfig extends BackendConfig {
  vlm: BackendConfig["vlm"] & { temperature: number; maxPixels: number };
  /** Leading pages classified when the request does not say. */
  maxPages: number;
}

/** Parses the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): ClassifyConfig {
  const { config, own } = loadBackendConfig(
    { prefix: "CLASSIFY", port: 50051, metricsPort: 9101, vlmModel: "Qwen/Qwen2.5-VL-7B-Instruct", vlmTimeoutMs: 60_000, maxInflightRequests: 64 },
    classifyEnv,
    env,
  );
  return {
    ...config,
    vlm: { ...config.vlm, temperature: own.CLASSIFY_TEMPERATURE, maxPixels: own.CLASSIFY_MAX_PIXELS },
    maxPages: own.CLASSIFY_MAX_PAGES,
  };
}

export { describeBackendConfig as describeConfig } from "@docproc/common";
