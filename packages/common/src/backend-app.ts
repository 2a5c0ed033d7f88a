import type { DescFile, DescService } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { Logger } from "pino";
import type { BackendConfig } from "./backend-env.js";
import { createGrpcServer, type GrpcServer } from "./grpc-server.js";
import { createMetrics, type DocprocMetrics } from "./metrics.js";
import { createMetricsServer, type MetricsServer } from "./metrics-server.js";
import { createReadinessMonitor, type ReadinessMonitor } from "./readiness-monitor.js";
import type { UnaryHandler } from "./unary-call-handler.js";

/** Anything that can say whether it is ready to serve (a model engine). */
export interface ReadinessProbe {
  ready(signal?: AbortSignal): Promise<boolean>;
}

/** Options of createBackendApp. */
export interface BackendAppOptions {
  logger: Logger;
  service: DescService;
  /** Handlers by method localName; used only when an engine is configured. */
  handlers: Record<string, UnaryHandler>;
  /** The engine; undefined means every call answers FAILED_PRECONDITION. */
  engine: ReadinessProbe | undefined;
  /**
   * Where to listen and the limits, as the service's config has them;
   * maxInflightRequests: more are answered RESOURCE_EXHAUSTED; metricsPort:
   * /metrics, /live and /ready on `host`, undefined for none (0 picks a port).
   */
  config: Pick<BackendConfig, "host" | "port" | "maxMessageBytes" | "shutdownGraceMs" | "maxInflightRequests" | "metricsPort">;
  reflectionFiles?: DescFile[];
  /** Readiness polling; defaults suit production (1 s doubling to 15 s, 30 s when ready). */
  readiness?: { minIntervalMs?: number; maxIntervalMs?: number; readyIntervalMs?: number };
  /** The process's metrics (share them with the engine); default createMetrics(serviceName). */
  metrics?: DocprocMetrics;
  /** Metrics label of the service; default the proto service name ("ExtractService"). */
  serviceName?: string;
}

/** A backend gRPC server whose health follows its engine. */
export interface BackendApp {
  readonly server: GrpcServer;
  readonly metrics: DocprocMetrics;
  /** The bound metrics port once started, or undefined without a metrics server. */
  readonly metricsPort: number | undefined;
  /** Listens on host:port and starts watching the engine; resolves with the bound port. */
  start(): Promise<number>;
  /**
   * Stops watching the engine and shuts the server down gracefully (health
   * NOT_SERVING, in-flight calls get shutdownGraceMs), then closes the
   * metrics server. The engine stays open.
   */
  stop(): Promise<void>;
}

/**
 * The shared shape of the classify and extract servers: one service,
 * health NOT_SERVING until the engine says it is ready (re-checked so a
 * model server going away shows), and no made-up answers without an engine.
 */
export function createBackendApp(options: BackendAppOptions): BackendApp {
  const { config, engine, logger } = options;
  const handlers = engine ? options.handlers : noEngineHandlers(options.service);
  const metrics = options.metrics ?? createMetrics(options.serviceName ?? options.service.name);
  const server = createGrpcServer({
    logger,
    services: [{ service: options.service, handlers }],
    reflectionFiles: options.reflectionFiles,
    maxReceiveMessageBytes: config.maxMessageBytes,
    serving: false,
    maxInflightRequests: config.maxInflightRequests,
    metrics,
  });
  const metricsServer: MetricsServer | undefined =
    config.metricsPort === undefined ? undefined : createMetricsServer({ metrics, ready: () => server.serving, logger });
  let metricsPort: number | undefined;
  const monitor: ReadinessMonitor | undefined = engine
    ? createReadinessMonitor({
        check: (signal) => engine.ready(signal),
        onChange: (ready) => {
          if (!ready) logger.warn("engine not ready");
          server.setServing(ready);
        },
        logger,
        ...options.readiness,
      })
    : undefined;

  return {
    server,
    metrics,
    get metricsPort() {
      return metricsPort;
    },
    async start() {
      const port = await server.listen(config.host, config.port);
      if (metricsServer && config.metricsPort !== undefined) {
        metricsPort = await metricsServer.listen(config.host, config.metricsPort);
        logger.info({ host: config.host, port: metricsPort }, "metrics listening (/metrics, /live, /ready)");
      }
      if (monitor) monitor.start();
      else logger.warn("no engine configured: every call answers FAILED_PRECONDITION");
      return port;
    },
    async stop() {
      monitor?.stop();
      await server.shutdown(config.shutdownGraceMs);
      await metricsServer?.close();
    },
  };
}

function noEngineHandlers(service: DescService): Record<string, UnaryHandler> {
  const refuse: UnaryHandler = async () => {
    throw new ConnectError("no engine configured", Code.FailedPrecondition);
  };
  return Object.fromEntries(service.methods.map((method) => [method.localName, refuse]));
}
