import { setMaxListeners } from "node:events";
import { Code, ConnectError, createContextValues } from "@connectrpc/connect";
import { fastifyConnectPlugin } from "@connectrpc/connect-fastify";
import type { Logger } from "@docproc/common";
import { Health } from "@docproc/gen/grpc/health/v1/health_pb.js";
import fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { createApiKeyVerifier } from "./api-key-verifier.js";
import type { BackendClient } from "./backend-clients.js";
import { createBackendHealthMonitor, type BackendHealthMonitor } from "./backend-health.js";
import type { GatewayConfig } from "./config.js";
import { kLogger, kRequestId } from "./context-keys.js";
import { createDocumentPipeline } from "./document-pipeline.js";
import { capDeadlineHeaders } from "./deadline.js";
import { createDualProtocolServer, type DualProtocolServer } from "./dual-protocol-server.js";
import { createGatewayMetrics, type GatewayMetrics } from "./gateway-metrics.js";
import { createHealthService } from "./health-service.js";
import { registerHealthRoutes } from "./http-health-routes.js";
import { createLoggingInterceptor } from "./logging-interceptor.js";
import { registerMetricsRoute } from "./metrics-route.js";
import { createPageLimiter } from "./page-limiter.js";
import { createPageCapInterceptor } from "./quota-gates.js";
import { createRateLimiter } from "./rate-limiter.js";
import { registerReflection } from "./reflection-service.js";
import { createRequestGate } from "./request-gate.js";
import { REQUEST_ID_HEADER, resolveRequestId } from "./request-id.js";
import { toRestErrorResponse } from "./rest-errors.js";
import { registerRestRoutes } from "./rest-routes.js";
import { createRpcObservabilityInterceptor } from "./rpc-observability-interceptor.js";
import { registerDocprocServices } from "./rpc-routes.js";

/** What buildApp composes; main.ts builds these, tests pass their own. */
export interface AppDeps {
  config: GatewayConfig;
  logger: Logger;
  classifyClient: BackendClient;
  extractClient: BackendClient;
  /** Defaults to a monitor over the two clients with config.healthCacheMs. */
  healthMonitor?: BackendHealthMonitor;
  /** Defaults to fresh metrics; main.ts passes the ones its backend clients report to. */
  metrics?: GatewayMetrics;
}

/**
 * The gateway as a Fastify instance, not listening: Connect (gRPC, gRPC-Web,
 * Connect) for docproc.v1, health and reflection, the REST API and the HTTP
 * probes and /metrics, on one server that speaks HTTP/1.1 and h2c. Every
 * API call passes: key check → per-key request rate (before the body is
 * read) → per-key pages-in-flight cap (once parsed) → backends, with the
 * caller's deadline capped at MAX_DEADLINE_MS. app.close() drains it:
 * health turns NOT_SERVING, HTTP/2 sessions get GOAWAY, in-flight calls get
 * config.shutdownGraceMs before their signals abort.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, logger } = deps;
  let dual: DualProtocolServer | undefined;
  const app = fastify({
    // Fastify types its logger generic from this value; typing it as the base
    // logger keeps the instance a plain FastifyInstance for the route modules.
    loggerInstance: logger as FastifyBaseLogger,
    serverFactory: (handler) => {
      dual = createDualProtocolServer(handler, { logger });
      return dual.server;
    },
    genReqId: (req) => resolveRequestId(req.headers[REQUEST_ID_HEADER]),
    // "requestId" as in the backends' logs. Fastify's own request lines are off:
    // the onResponse hook below writes one line per request, without the query
    // string (which can carry pre-signed URL signatures).
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: "requestId" }),
    bodyLimit: config.maxRequestBytes,
  });

  const monitor =
    deps.healthMonitor ??
    createBackendHealthMonitor({
      backends: { classify: deps.classifyClient, extract: deps.extractClient },
      cacheMs: config.healthCacheMs,
    });
  const metrics = deps.metrics ?? createGatewayMetrics();
  const verifier = createApiKeyVerifier({ keys: config.apiKeys, disabled: config.authDisabled });
  // Shared by every protocol: a key's quota is the same on gRPC, Connect and REST.
  const rateLimiter = createRateLimiter({ defaultLimit: config.rateLimit, overrides: config.rateLimitOverrides });
  const pageLimiter = createPageLimiter({ maxPagesPerKey: config.maxPagesInFlightPerKey, onChange: metrics.setPagesInflight });
  const maxPagesPerKey = config.maxPagesInFlightPerKey;
  const pipeline = createDocumentPipeline({ classify: deps.classifyClient, extract: deps.extractClient });
  const limits = { defaultDeadlineMs: config.defaultDeadlineMs, maxDeadlineMs: config.maxDeadlineMs };
  // Aborts the calls still running shutdownGraceMs after close() starts. Ours
  // rather than connect-fastify's (shutdownTimeoutMs) so its listener limit can
  // be lifted: Connect links every call's signal to it, one abort listener per
  // call in flight, and Node warns (MaxListenersExceededWarning) from the
  // 11th. Each listener leaves when its call ends, so the count is the load,
  // not a leak.
  const shutdown = new AbortController();
  setMaxListeners(0, shutdown.signal);

  // Every response carries the id, RPC errors and gate rejections included:
  // connect-fastify copies reply headers onto whatever the handler answers.
  app.addHook("onRequest", async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    capDeadlineHeaders(request.raw.headers, config.maxDeadlineMs);
  });
  app.addHook("onResponse", async (request, reply) => {
    request.log.info(
      { method: request.method, path: request.url.split("?")[0], statusCode: reply.statusCode, durationMs: Math.round(reply.elapsedTime) },
      "request",
    );
  });
  app.addHook("preClose", async () => {
    monitor.markShuttingDown();
    void dual?.drain(config.shutdownGraceMs).then(() => dual?.server.closeAllConnections());
    setTimeout(() => shutdown.abort(new ConnectError("the gateway is shutting down", Code.Unavailable)), config.shutdownGraceMs);
  });

  // Set before any plugin is registered: child scopes copy the handlers they see then.
  app.setNotFoundHandler(async (_request, reply) => reply.code(404).send({ detail: "Not found" }));
  app.setErrorHandler(async (error, request, reply) => {
    const { statusCode, detail, headers } = toRestErrorResponse(error, request.log);
    return reply.code(statusCode).headers(headers).send({ detail });
  });

  await app.register(fastifyConnectPlugin, {
    routes: (router) => {
      registerDocprocServices(router, { classify: deps.classifyClient, extract: deps.extractClient, pipeline, limits });
      router.service(Health, createHealthService(monitor, { watchIntervalMs: Math.max(1000, config.healthCacheMs) }));
      registerReflection(router);
    },
    requestGate: createRequestGate({ verifier, rateLimiter, metrics }),
    interceptors: [
      createRpcObservabilityInterceptor(metrics),
      createLoggingInterceptor(),
      createPageCapInterceptor(pageLimiter, { maxPagesPerKey, onReject: metrics.countRejected }),
    ],
    contextValues: (request) => createContextValues().set(kLogger, request.log).set(kRequestId, request.id),
    readMaxBytes: config.maxRequestBytes,
    // Longer caller deadlines were already capped to this by capDeadlineHeaders
    // (onRequest above), so Connect's rejection of longer ones never fires.
    maxTimeoutMs: config.maxDeadlineMs,
    shutdownSignal: shutdown.signal,
    // Connect's default, kept on purpose: unknown JSON fields are ignored, so
    // clients built against a newer contract keep working. Both snake_case
    // and camelCase field names are accepted on input.
    jsonOptions: { ignoreUnknownFields: true },
  });

  await registerRestRoutes(app, {
    classify: deps.classifyClient,
    pipeline,
    verifier,
    rateLimiter,
    pageLimiter,
    maxPagesInFlightPerKey: maxPagesPerKey,
    metrics,
    limits,
    maxRequestBytes: config.maxRequestBytes,
  });
  registerHealthRoutes(app, monitor);
  await registerMetricsRoute(app, { metrics, requireKey: config.metricsRequireKey, verifier });

  return app;
}
