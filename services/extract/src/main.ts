// The extract service's entry point: the only file with side effects.
import { observeOcr, runBackend } from "@docproc/common";
import { createPageLoader } from "@docproc/ingest";
import { createOcrEngine } from "@docproc/ocr";
import { buildApp } from "./app.js";
import { loadConfig } from "./config.js";
import { createCpuExtractEngine } from "./cpu/cpu-extract-engine.js";
import type { ExtractEngine } from "./engine.js";
import { maskIdentifiers } from "./fields/index.js";
import { transformDocument } from "./transform/transform-document.js";
import { createDotsOcrEngine } from "./vlm/dots-ocr-engine.js";

await runBackend({
  service: "extract",
  env: process.env,
  loadConfig,
  async createEngine(config, logger, metrics): Promise<ExtractEngine> {
    const { vlm } = config;
    if (config.engine === "vlm" && vlm.baseUrl) {
      return createDotsOcrEngine({
        baseUrl: vlm.baseUrl,
        model: vlm.model,
        apiKey: vlm.apiKey,
        timeoutMs: vlm.timeoutMs,
        maxCompletionTokens: vlm.maxCompletionTokens,
        pageConcurrency: config.pageConcurrency,
        retry: vlm.retry,
        metrics,
        logger: logger.child({ component: "dots-ocr" }),
      });
    }
    const ocr = observeOcr(await createOcrEngine({ workers: config.ocrWorkers, logger: logger.child({ component: "ocr" }) }), metrics);
    return createCpuExtractEngine({ ocr, pageConcurrency: config.pageConcurrency, logger: logger.child({ component: "cpu-extract" }) });
  },
  buildApp: ({ config, logger, engine, metrics }) =>
    buildApp({ config, logger, engine, pageLoader: createPageLoader(config.ingest), transform: transformDocument, maskIdentifiers, metrics }),
});
