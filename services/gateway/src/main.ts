// The gateway process: config → logger → backend clients → app → listen →
// graceful shutdown. The only file with side effects.
import { ConfigError, createLogger, initTracing, onShutdownSignals } from "@docproc/common";
import { buildApp } from "./app.js";
import { createBackendClients } from "./backend-clients.js";
import { loadConfig, type GatewayConfig } from "./config.js";
import { createGatewayMetrics } from "./gateway-metrics.js";

let config: GatewayConfig;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`gateway: ${error.message}\n`);
  process.exit(1);
}

const logger = createLogger({ service: "gateway", level: config.logLevel });
if (config.authDisabled) {
  logger.warn("AUTHENTICATION IS DISABLED (GATEWAY_AUTH_DISABLED=true): every caller is accepted. Local use only.");
}
// Before anything that makes spans; a no-op unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
const tracing = initTracing({ serviceName: "gateway", endpoint: config.otlpEndpoint, logger });
const metrics = createGatewayMetrics();
const backends = createBackendClients({
  classifyAddr: config.classifyAddr,
  extractAddr: config.extractAddr,
  maxMessageBytes: config.maxRequestBytes,
  retry: config.backendRetry,
  observer: metrics.backendObserver,
  logger: logger.child({ component: "backend" }),
});
const app = await buildApp({ config, logger, metrics, classifyClient: backends.classify, extractClient: backends.extract });
await app.listen({ host: config.host, port: config.port });
logger.info(
  {
    keyNames: config.apiKeys.map((key) => key.name),
    classifyAddr: config.classifyAddr,
    extractAddr: config.extractAddr,
  },
  "gateway ready for HTTP/1.1 and h2c",
);

onShutdownSignals(async (signal) => {
  logger.info({ signal, graceMs: config.shutdownGraceMs }, "shutting down");
  // app.close() stops accepting, lets in-flight calls finish within the grace
  // period and closes HTTP/2 sessions; this timer is the backstop.
  setTimeout(() => {
    logger.error("shutdown did not finish in time; exiting");
    process.exit(1);
  }, config.shutdownGraceMs + 5000).unref();
  try {
    await app.close();
  } catch (error) {
    logger.error({ err: error }, "error while closing");
    process.exitCode = 1;
  } finally {
    backends.close();
    await tracing.shutdown();
  }
  logger.info("stopped");
  // Idle keep-alive sockets or long-lived client streams must not keep a
  // stopped gateway alive: everything worth finishing has finished.
  process.exit(process.exitCode ?? 0);
});
