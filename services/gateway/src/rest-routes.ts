import { Code, ConnectError } from "@connectrpc/connect";
import type { Logger } from "@docproc/common";
import fastifyMultipart from "@fastify/multipart";
import { ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import type { Document } from "@docproc/gen/docproc/v1/document_pb.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ApiKeyVerifier } from "./api-key-verifier.js";
import { createRestAuthHook } from "./auth-gate.js";
import type { BackendCallOptions, BackendClient } from "./backend-clients.js";
import { backendTimeoutMs, type DeadlineLimits } from "./deadline.js";
import type { DocumentPipeline } from "./document-pipeline.js";
import { restClassifyRequest, restClassifyResponse, restExtractRequest, restExtractResponse } from "./rest-mapping.js";
import { parseJsonBody, parseMultipartBody, type RestDocumentInput } from "./rest-request.js";
import type { GatewayMetrics } from "./gateway-metrics.js";
import type { PageLimiter } from "./page-limiter.js";
import { createRestRateLimitHook, reservePages } from "./quota-gates.js";
import type { RateLimiter } from "./rate-limiter.js";
import { registerRestMetrics, withRestSpan } from "./rest-observability.js";

/** What the REST routes need. */
export interface RestRoutesDeps {
  classify: BackendClient;
  pipeline: DocumentPipeline;
  verifier: ApiKeyVerifier;
  rateLimiter: RateLimiter;
  pageLimiter: PageLimiter;
  maxPagesInFlightPerKey: number;
  metrics: GatewayMetrics;
  limits: DeadlineLimits;
  /** Largest upload (multipart file part). */
  maxRequestBytes: number;
}

/**
 * The REST API of the system we replace: POST /v1/classify and
 * POST /v1/extract, JSON (`image_urls`) or multipart (`file`), answering
 * {"detail": "..."} on errors (see rest-errors.ts for the status table).
 * Registered as an encapsulated plugin so the key check and the multipart
 * parser apply to these routes only.
 */
export async function registerRestRoutes(app: FastifyInstance, deps: RestRoutesDeps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: deps.maxRequestBytes, files: 2, fields: 20, fieldSize: 64 * 1024, parts: 24 },
      throwFileSizeLimit: true,
    });
    // JSON and multipart only: anything else is 415, not a string body.
    scope.removeContentTypeParser("text/plain");
    // Order matters: metrics first (so rejections are counted), then the
    // key, then the key's request rate, all before the body is read.
    registerRestMetrics(scope, deps.metrics);
    scope.addHook("onRequest", createRestAuthHook(deps.verifier, deps.metrics.countRejected));
    scope.addHook("onRequest", createRestRateLimitHook(deps.rateLimiter, deps.metrics.countRejected));

    scope.post("/v1/classify", (request, reply) =>
      withRestSpan(request, async () => {
        const classifyRequest = restClassifyRequest(await readInput(request));
        const release = reserveRequestPages(request, classifyRequest.document, deps);
        try {
          const startedAt = performance.now();
          const response = await deps.classify.call(ClassifyService.method.classifyDocument, classifyRequest, callOptions(request, reply, deps));
          return restClassifyResponse(response, elapsedMs(startedAt));
        } finally {
          release();
        }
      }),
    );

    scope.post("/v1/extract", (request, reply) =>
      withRestSpan(request, async () => {
        const { request: processRequest, groundingBox } = restExtractRequest(await readInput(request));
        const release = reserveRequestPages(request, processRequest.document, deps);
        try {
          const startedAt = performance.now();
          const response = await deps.pipeline.process(processRequest, {
            ...callOptions(request, reply, deps),
            ...(groundingBox ? { groundingBox } : {}),
          });
          return restExtractResponse(response, elapsedMs(startedAt));
        } finally {
          release();
        }
      }),
    );
  });
}

/** The page cap, once the body is parsed; throws RESOURCE_EXHAUSTED (429 + Retry-After) at the cap. */
function reserveRequestPages(request: FastifyRequest, document: Document | undefined, deps: RestRoutesDeps): () => void {
  return reservePages(deps.pageLimiter, {
    keyName: request.principal ?? "anonymous",
    document,
    maxPagesPerKey: deps.maxPagesInFlightPerKey,
    onReject: deps.metrics.countRejected,
  });
}

function readInput(request: FastifyRequest): Promise<RestDocumentInput> | RestDocumentInput {
  return request.isMultipart() ? parseMultipartBody(request) : parseJsonBody(request.body);
}

/**
 * REST callers send no deadline, so calls get DEFAULT_DEADLINE_MS. The
 * backend call is cancelled when the client goes away before the answer.
 */
function callOptions(request: FastifyRequest, reply: FastifyReply, deps: RestRoutesDeps): BackendCallOptions {
  const controller = new AbortController();
  reply.raw.once("close", () => {
    if (!reply.raw.writableFinished) controller.abort(new ConnectError("client closed the request", Code.Canceled));
  });
  return {
    timeoutMs: backendTimeoutMs(undefined, deps.limits),
    signal: controller.signal,
    requestId: request.id,
    logger: request.log as Logger,
  };
}

function elapsedMs(startedAt: number): number {
  return Math.round(performance.now() - startedAt);
}
