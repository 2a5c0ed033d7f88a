import {
  createBackendApp,
  createInflightLimit,
  createMetrics,
  type BackendApp,
  type BackendAppOptions,
  type DocprocMetrics,
  type Logger,
  type UnaryHandler,
} from "@docproc/common";
import { ExtractService } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { PageLoader } from "@docproc/ingest";
import type { ExtractConfig } from "./config.js";
import type { ExtractEngine } from "./engine.js";
import { createExtractHandler } from "./extract-handler.js";
import type { Transformer } from "./transform/transform-types.js";

/** Everything the extract server is built from; main.ts makes the real ones, tests fakes. */
export interface ExtractAppDeps {
  config: ExtractConfig;
  logger: Logger;
  /** undefined: no engine configured, every call answers FAILED_PRECONDITION. */
  engine: ExtractEngine | undefined;
  pageLoader: PageLoader;
  transform: Transformer;
  /** maskIdentifiers from ./fields/index.js. */
  maskIdentifiers: (text: string) => string;
  /** The process's metrics, shared with the engine; default a new createMetrics("extract"). */
  metrics?: DocprocMetrics;
  /** Readiness polling intervals (tests shorten them). */
  readiness?: BackendAppOptions["readiness"];
}

/**
 * Builds the extract gRPC server (no side effects until start()): at most
 * config.maxInflightRequests calls and config.maxInflightPages pages in
 * flight, metrics on config.metricsPort.
 */
export function buildApp(deps: ExtractAppDeps): BackendApp {
  const { config, engine, logger } = deps;
  const metrics = deps.metrics ?? createMetrics("extract");
  const pageAdmission = createInflightLimit({ max: config.maxInflightPages, onChange: (count) => metrics.setPagesInflight(count) });
  metrics.setPagesInflight(0);
  const handlers: Record<string, UnaryHandler> = engine
    ? {
        extractDocument: createExtractHandler({
          engine,
          pageLoader: deps.pageLoader,
          transform: deps.transform,
          maskIdentifiers: deps.maskIdentifiers,
          logger,
          pageAdmission,
          metrics,
        }),
      }
    : {};
  return createBackendApp({
    logger,
    service: ExtractService,
    handlers,
    engine,
    config,
    readiness: deps.readiness,
    metrics,
  });
}
