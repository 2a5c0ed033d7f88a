import type { ConnectRouter, HandlerContext } from "@connectrpc/connect";
import { ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentService } from "@docproc/gen/docproc/v1/document_service_pb.js";
import { ExtractService } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { BackendCallOptions, BackendClient } from "./backend-clients.js";
import { kLogger, kRequestId } from "./context-keys.js";
import { backendTimeoutMs, type DeadlineLimits } from "./deadline.js";
import type { DocumentPipeline } from "./document-pipeline.js";

/** What the docproc.v1 handlers need. */
export interface DocprocRoutesDeps {
  classify: BackendClient;
  extract: BackendClient;
  pipeline: DocumentPipeline;
  limits: DeadlineLimits;
}

/**
 * The public docproc.v1 services. Classify and Extract are forwarded as they
 * are (the gateway adds auth, request ids and deadlines); ProcessDocument
 * runs the pipeline. A backend call rejects with the signal's reason once
 * ctx.signal aborts, so a passed deadline surfaces as DeadlineExceeded (504
 * for Connect) rather than Canceled.
 */
export function registerDocprocServices(router: ConnectRouter, deps: DocprocRoutesDeps): void {
  const callOptions = (ctx: HandlerContext): BackendCallOptions => ({
    timeoutMs: backendTimeoutMs(ctx.timeoutMs(), deps.limits),
    signal: ctx.signal,
    requestId: ctx.values.get(kRequestId),
    logger: ctx.values.get(kLogger),
  });
  router.service(ClassifyService, {
    classifyDocument: (request, ctx) => deps.classify.call(ClassifyService.method.classifyDocument, request, callOptions(ctx)),
  });
  router.service(ExtractService, {
    extractDocument: (request, ctx) => deps.extract.call(ExtractService.method.extractDocument, request, callOptions(ctx)),
  });
  router.service(DocumentService, {
    processDocument: (request, ctx) => deps.pipeline.process(request, callOptions(ctx)),
  });
}
