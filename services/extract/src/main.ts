// The extract service's entry point: the only file with side effects.
import {
  ConfigError,
  createLogger,
  createMetrics,
  initTracing,
  observeOcr,
  onShutdownSignals,
  type DocprocMetrics,
  type Logger,
} from "@docproc/common";
import { createPageLoader } from "@docproc/ingest";
import { createOcrEngine } from "@docproc/ocr";
import { buildApp } from "./app.js";
import { describeConfig, loadConfig, type ExtractConfig } from "./config.js";
import { createCpuExtractEngine } from "./cpu/cpu-extract-engine.js";
import type { ExtractEngine } from "./engine.js";
import { maskIdentifiers } from "./fields/index.js";
import { transformDocument } from "./transform/transform-document.js";
import { createDotsOcrEngine } from "./vlm/dots-ocr-engine.js";

function readConfig(): ExtractConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`extract: ${error.message}\n`);
    process.exit(1);
  }
}

async function createEngine(config: ExtractConfig, logger: Logger, metrics: DocprocMetrics): Promise<ExtractEngine> {
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
}

const config = readConfig();
const logger = createLogger({ service: "extract", level: config.logLevel });
logger.info({ config: describeConfig(config) }, "configuration");
const tracing = initTracing({ serviceName: "extract", endpoint: config.otlpEndpoint, logger });
const metrics = createMetrics("extract");

try {
  const engine = await createEngine(config, logger, metrics);
  logger.info({ engine: engine.kind, modelId: engine.modelId }, "engine selected");
  const app = buildApp({
    config,
    logger,
    engine,
    pageLoader: createPageLoader(config.ingest),
    transform: transformDocument,
    maskIdentifiers,
    metrics,
  });
  const port = await app.start();
  logger.info({ host: config.host, port }, "extract listening");

  onShutdownSignals(async (signal) => {
    logger.info({ signal, graceMs: config.shutdownGraceMs }, "shutting down");
    await app.stop();
    await engine.close();
    await tracing.shutdown();
    logger.info("stopped");
    process.exit(0);
  });
} catch (error) {
  logger.fatal({ err: error }, "extract failed to start");
  process.exit(1);
}
