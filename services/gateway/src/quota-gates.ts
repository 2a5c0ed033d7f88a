import type { HandlerContext, Interceptor } from "@connectrpc/connect";
import type { Document } from "@docproc/gen/docproc/v1/document_pb.js";
import type { FastifyRequest } from "fastify";
import { isAuthExempt, type OnReject } from "./auth-gate.js";
import { kLogger, kPrincipal } from "./context-keys.js";
import { requestPageCount, type PageLimiter } from "./page-limiter.js";
import { pagesInFlightExceeded, rateLimitExceeded } from "./quota-errors.js";
import type { RateLimiter } from "./rate-limiter.js";

/**
 * The rate-limit half of the Connect requestGate; runs right after the auth
 * check (which sets kPrincipal), before the body is read, so a caller over
 * its rate costs no parsing. Health and reflection are exempt, like auth.
 * Gate rejections skip interceptors, so the rejection is logged here.
 */
export function createRateLimitGate(limiter: RateLimiter, onReject?: OnReject): (ctx: HandlerContext) => void {
  return (ctx) => {
    if (isAuthExempt(ctx.service.typeName)) return;
    const principal = ctx.values.get(kPrincipal);
    const decision = limiter.take(principal);
    if (decision.allowed) return;
    onReject?.("rate_limit");
    ctx.values.get(kLogger).warn(
      { rpc: `${ctx.service.typeName}/${ctx.method.name}`, principal, retryAfterSeconds: decision.retryAfterSeconds },
      "request rejected: rate limit exceeded",
    );
    throw rateLimitExceeded(decision.retryAfterSeconds);
  };
}

/**
 * The same for the REST routes, as an onRequest hook after the key check.
 * Throws, so the REST error handler answers 429 {"detail":"rate limit
 * exceeded"} with Retry-After.
 */
export function createRestRateLimitHook(limiter: RateLimiter, onReject?: OnReject) {
  return async function restRateLimit(request: FastifyRequest): Promise<void> {
    const principal = request.principal ?? "anonymous";
    const decision = limiter.take(principal);
    if (decision.allowed) return;
    onReject?.("rate_limit");
    request.log.warn({ route: request.url.split("?")[0], principal, retryAfterSeconds: decision.retryAfterSeconds }, "request rejected: rate limit exceeded");
    throw rateLimitExceeded(decision.retryAfterSeconds);
  };
}

/**
 * Reserves a request's pages under its key's cap (see requestPageCount for
 * how pages are counted); throws RESOURCE_EXHAUSTED with retry-after when
 * the key is at its cap. Returns the release function.
 */
export function reservePages(limiter: PageLimiter, options: { keyName: string; document: Document | undefined; maxPagesPerKey: number; onReject?: OnReject }): () => void {
  const release = limiter.acquire(options.keyName, requestPageCount(options.document));
  if (release !== undefined) return release;
  options.onReject?.("page_cap");
  throw pagesInFlightExceeded(options.maxPagesPerKey);
}

/**
 * The page cap for docproc.v1 RPCs: runs once the message is parsed (it needs
 * the sources) and holds the reservation until the handler has answered.
 * Placed after the logging interceptor, so a rejection gets its rpc log line.
 */
export function createPageCapInterceptor(limiter: PageLimiter, options: { maxPagesPerKey: number; onReject?: OnReject }): Interceptor {
  return (next) => async (req) => {
    if (req.stream || !req.service.typeName.startsWith("docproc.")) return next(req);
    const document = (req.message as { document?: Document }).document;
    const release = reservePages(limiter, {
      keyName: req.contextValues.get(kPrincipal),
      document,
      maxPagesPerKey: options.maxPagesPerKey,
      onReject: options.onReject,
    });
    try {
      return await next(req);
    } finally {
      release();
    }
  };
}
