// The classify service's entry point: the only file with side effects.
import { observeOcr, runBackend } from "@docproc/common";
import { createPageLoader } from "@docproc/ingest";
import { createOcrEngine } from "@docproc/ocr";
import { buildApp } from "./app.js";
import { loadConfig } from "./config.js";
import { createCpuClassifyEngine } from "./cpu/cpu-classify-engine.js";
import type { ClassifyEngine } from "./engine.js";
import { createQwenClassifyEngine } from "./vlm/qwen-classify-engine.js";

await runBackend({
  service: "classify",
  env: process.env,
  loadConfig,
  async createEngine(config, logger, metrics): Promise<ClassifyEngine> {
    const { vlm } = config;
    if (config.engine === "vlm" && vlm.baseUrl) {
      return createQwenClassifyEngine({
        baseUrl: vlm.baseUrl,
        model: vlm.model,
        apiKey: vlm.apiKey,
        timeoutMs: vlm.timeoutMs,
        temperature: vlm.temperature,
        maxPixels: vlm.maxPixels,
        logger: logger.child({ component: "qwen-vl" }),
        metrics,
      });
    }
    const ocr = observeOcr(await createOcrEngine({ workers: config.ocrWorkers, logger: logger.child({ component: "ocr" }) }), metrics);
    return createCpuClassifyEngine({ ocr, logger: logger.child({ component: "cpu-classify" }) });
  },
  buildApp: ({ config, logger, engine, metrics }) => buildApp({ config, logger, engine, pageLoader: createPageLoader(config.ingest), metrics }),
});
