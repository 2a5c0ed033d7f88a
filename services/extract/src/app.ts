import { createBackendApp, type BackendApp, type BackendAppOptions, type Logger, type UnaryHandler } from "@docproc/common";
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
  /** Readiness polling intervals (tests shorten them). */
  readiness?: BackendAppOptions["readiness"];
}

/** Builds the extract gRPC server (no side effects until start()). */
export function buildApp(deps: ExtractAppDeps): BackendApp {
  const { config, engine, logger } = deps;
  const handlers: Record<string, UnaryHandler> = engine
    ? {
        extractDocument: createExtractHandler({
          engine,
          pageLoader: deps.pageLoader,
          transform: deps.transform,
          maskIdentifiers: deps.maskIdentifiers,
          logger,
        }),
      }
    : {};
  return createBackendApp({
    logger,
    service: ExtractService,
    handlers,
    engine,
    host: config.host,
    port: config.port,
    maxMessageBytes: config.maxMessageBytes,
    shutdownGraceMs: config.shutdownGraceMs,
    readiness: deps.readiness,
  });
}
