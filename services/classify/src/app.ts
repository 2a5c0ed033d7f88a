import {
  createBackendApp,
  createMetrics,
  documentTypeLabel,
  type BackendApp,
  type BackendAppOptions,
  type DocprocMetrics,
  type Logger,
} from "@docproc/common";
import { ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import type { PageLoader } from "@docproc/ingest";
import { createClassifyHandler, type ClassifyHandler } from "./classify-handler.js";
import type { ClassifyConfig } from "./config.js";
import type { ClassifyEngine } from "./engine.js";

/** Everything the classify server is built from; main.ts makes the real ones, tests fakes. */
export interface ClassifyAppDeps {
  config: ClassifyConfig;
  logger: Logger;
  /** undefined: no engine configured, every call answers FAILED_PRECONDITION. */
  engine: ClassifyEngine | undefined;
  pageLoader: PageLoader;
  /** Defaults to createClassifyHandler over engine and pageLoader; tests inject a fake. */
  handler?: ClassifyHandler;
  /** The process's metrics, shared with the engine; default a new createMetrics("classify"). */
  metrics?: DocprocMetrics;
  /** Readiness polling intervals (tests shorten them). */
  readiness?: BackendAppOptions["readiness"];
}

/**
 * Counts what a classification produced: the document's type and each
 * page's outcome. Done around the handler (rather than inside it) so the
 * handler stays free of metrics.
 */
function countingClassifications(handler: ClassifyHandler, metrics: DocprocMetrics): ClassifyHandler {
  return async (request, ctx) => {
    const response = await handler(request, ctx);
    const type = documentTypeLabel(response.documentType) || "unspecified";
    metrics.countDocumentClassified(response.engine, type);
    for (const page of response.pages) metrics.countPage(response.engine, type, page.error ? "failed" : "ok");
    return response;
  };
}

/**
 * Builds the classify gRPC server (no side effects until start()): at most
 * config.maxInflightRequests calls in flight, metrics on config.metricsPort.
 */
export function buildApp(deps: ClassifyAppDeps): BackendApp {
  const { config, engine, logger } = deps;
  const metrics = deps.metrics ?? createMetrics("classify");
  const handler =
    deps.handler ??
    (engine
      ? createClassifyHandler({ engine, pageLoader: deps.pageLoader, maxPages: config.maxPages, logger })
      : undefined);
  return createBackendApp({
    logger,
    service: ClassifyService,
    handlers: handler ? { classifyDocument: countingClassifications(handler, metrics) } : {},
    engine,
    config,
    readiness: deps.readiness,
    metrics,
  });
}
