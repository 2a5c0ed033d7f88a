// The classify service's entry point: the only file with side effects.
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
import { describeConfig, loadConfig, type ClassifyConfig } from "./config.js";
import { createCpuClassifyEngine } from "./cpu/cpu-classify-engine.js";
import type { ClassifyEngine } from "./engine.js";
import { createQwenClassifyEngine } from "./vlm/qwen-classify-engine.js";

function readConfig(): ClassifyConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`classify: ${error.message}\n`);
    process.exit(1);
  }
}

async function createEngine(config: ClassifyConfig, logger: Logger, metrics: DocprocMetrics): Promise<ClassifyEngine> {
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
}

const config = readConfig();
const logger = createLogger({ service: "classify", level: config.logLevel });
logger.info({ config: describeConfig(config) }, "configuration");
const tracing = initTracing({ serviceName: "classify", endpoint: config.otlpEndpoint, logger });
const metrics = createMetrics("classify");

try {
  const engine = await createEngine(config, logger, metrics);
  logger.info({ engine: engine.kind, modelId: engine.modelId }, "engine selected");
  const app = buildApp({ config, logger, engine, pageLoader: createPageLoader(config.ingest), metrics });
  const port = await app.start();
  logger.info({ host: config.host, port }, "classify listening");

  onShutdownSignals(async (signal) => {
    logger.info({ signal, graceMs: config.shutdownGraceMs }, "shutting down");
    await app.stop();
    await engine.close();
    await tracing.shutdown();
    logger.info("stopped");
    process.exit(0);
  });
} catch (error) {
  logger.fatal({ err: error }, "classify failed to start");
  process.exit(1);
}
