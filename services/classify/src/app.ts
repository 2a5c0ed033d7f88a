import { createBackendApp, type BackendApp, type BackendAppOptions, type Logger } from "@docproc/common";
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
  /** Readiness polling intervals (tests shorten them). */
  readiness?: BackendAppOptions["readiness"];
}

/** Builds the classify gRPC server (no side effects until start()). */
export function buildApp(deps: ClassifyAppDeps): BackendApp {
  const { config, engine, logger } = deps;
  const handler =
    deps.handler ??
    (engine
      ? createClassifyHandler({ engine, pageLoader: deps.pageLoader, maxPages: config.maxPages, logger })
      : undefined);
  return createBackendApp({
    logger,
    service: ClassifyService,
    handlers: handler ? { classifyDocument: handler } : {},
    engine,
    host: config.host,
    port: config.port,
    maxMessageBytes: config.maxMessageBytes,
    shutdownGraceMs: config.shutdownGraceMs,
    readiness: deps.readiness,
  });
}
