import { Code, ConnectError } from "@connectrpc/connect";
import { grpcCodeName, startServerSpan } from "@docproc/common";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { GatewayMetrics } from "./gateway-metrics.js";
import { RestError } from "./rest-errors.js";

/**
 * The gRPC code a REST status stands for (the reverse of rest-errors.ts),
 * so REST routes and RPCs share one `code` label. 413 is RESOURCE_EXHAUSTED
 * as for an oversized gRPC message; 415 is INVALID_ARGUMENT.
 */
export function codeForRestStatus(status: number): Code | 0 {
  if (status < 400) return 0;
  const table: Record<number, Code> = {
    400: Code.InvalidArgument, 401: Code.Unauthenticated, 403: Code.PermissionDenied, 404: Code.NotFound,
    409: Code.Aborted, 413: Code.ResourceExhausted, 415: Code.InvalidArgument, 429: Code.ResourceExhausted,
    499: Code.Canceled, 501: Code.Unimplemented, 503: Code.Unavailable, 504: Code.DeadlineExceeded,
  };
  return table[status] ?? (status < 500 ? Code.InvalidArgument : Code.Internal);
}

/**
 * Counts the REST routes of `scope` like RPCs: in flight from arrival until
 * the socket answer is done, then one request by route and code. Registered
 * before the key check, so 401s and 429s are counted too. Measured on the
 * raw response's "close", which also fires when the client went away first
 * (counted as CANCELLED), unlike onResponse.
 */
export function registerRestMetrics(scope: FastifyInstance, metrics: GatewayMetrics): void {
  scope.addHook("onRequest", async (request, reply) => {
    const endInflight = metrics.trackInflight();
    const startedAt = performance.now();
    reply.raw.once("close", () => {
      endInflight();
      const code = reply.raw.writableFinished ? codeForRestStatus(reply.statusCode) : Code.Canceled;
      metrics.observeRequest(`${request.method} ${request.routeOptions.url ?? ""}`, grpcCodeName(code), (performance.now() - startedAt) / 1000);
    });
  });
}

/**
 * Runs a REST handler in a server span continuing the caller's traceparent,
 * with the request id, so backend calls made inside join the same trace.
 */
export async function withRestSpan<T>(request: FastifyRequest, fn: () => Promise<T>): Promise<T> {
  const span = startServerSpan(`${request.method} ${request.routeOptions.url ?? ""}`, request.headers, {
    "http.request.method": request.method,
    "http.route": request.routeOptions.url ?? "",
    "docproc.request_id": request.id,
    "docproc.principal": request.principal ?? "anonymous",
  });
  try {
    const result = await span.run(fn);
    span.end(0);
    return result;
  } catch (error) {
    if (error instanceof ConnectError) span.end(error.code, error.rawMessage);
    else if (error instanceof RestError) span.end(codeForRestStatus(error.statusCode), error.detail);
    else span.end(Code.Internal);
    throw error;
  }
}
