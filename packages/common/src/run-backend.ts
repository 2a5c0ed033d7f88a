import type { Logger } from "pino";
import type { BackendApp, ReadinessProbe } from "./backend-app.js";
import { describeBackendConfig, type BackendConfig } from "./backend-env.js";
import { ConfigError } from "./config-helpers.js";
import { createLogger } from "./logger.js";
import { createMetrics, type DocprocMetrics } from "./metrics.js";
import { onShutdownSignals } from "./shutdown.js";
import { initTracing } from "./tracing.js";

/** The part of a classify or extract engine the process lifecycle needs. */
export interface BackendEngine extends ReadinessProbe {
  readonly kind: string;
  readonly modelId: string;
  close(): Promise<void>;
}

/** What a backend's main.ts hands to runBackend: everything specific to the service. */
export interface RunBackendOptions<C extends BackendConfig, E extends BackendEngine> {
  /** "classify" or "extract": the logger's service, the tracing service.name and the metrics label. */
  service: string;
  /** The process environment (main.ts passes process.env). */
  env: Record<string, string | undefined>;
  /** The service's config.ts loadConfig; a ConfigError ends the process with its message. */
  loadConfig(env: Record<string, string | undefined>): C;
  createEngine(config: C, logger: Logger, metrics: DocprocMetrics): Promise<E>;
  buildApp(deps: { config: C; logger: Logger; engine: E; metrics: DocprocMetrics }): BackendApp;
}

/**
 * The lifecycle of a backend process, the same for classify and extract:
 * read the configuration (or exit 1 with its readable error), log it without
 * secrets, start tracing and metrics, build the engine and the server,
 * listen, and on SIGTERM/SIGINT drain the server, close the engine, flush
 * traces and exit. Only a service's main.ts calls it: it writes to stderr,
 * installs signal handlers and exits the process.
 */
export async function runBackend<C extends BackendConfig, E extends BackendEngine>(options: RunBackendOptions<C, E>): Promise<void> {
  const { service } = options;
  const config = readConfigOrExit(options);
  const logger = createLogger({ service, level: config.logLevel });
  logger.info({ config: describeBackendConfig(config) }, "configuration");
  const tracing = initTracing({ serviceName: service, endpoint: config.otlpEndpoint, logger });
  const metrics = createMetrics(service);

  try {
    const engine = await options.createEngine(config, logger, metrics);
    logger.info({ engine: engine.kind, modelId: engine.modelId }, "engine selected");
    const app = options.buildApp({ config, logger, engine, metrics });
    const port = await app.start();
    logger.info({ host: config.host, port }, `${service} listening`);

    onShutdownSignals(async (signal) => {
      logger.info({ signal, graceMs: config.shutdownGraceMs }, "shutting down");
      await app.stop();
      await engine.close();
      await tracing.shutdown();
      logger.info("stopped");
      process.exit(0);
    });
  } catch (error) {
    logger.fatal({ err: error }, `${service} failed to start`);
    process.exit(1);
  }
}

function readConfigOrExit<C extends BackendConfig>(options: RunBackendOptions<C, BackendEngine>): C {
  try {
    return options.loadConfig(options.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${options.service}: ${error.message}\n`);
    process.exit(1);
  }
}
