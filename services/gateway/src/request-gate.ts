import { ConnectError, type HandlerContext } from "@connectrpc/connect";
import { grpcCodeName } from "@docproc/common";
import type { ApiKeyVerifier } from "./api-key-verifier.js";
import { createAuthGate } from "./auth-gate.js";
import type { GatewayMetrics } from "./gateway-metrics.js";
import { createRateLimitGate } from "./quota-gates.js";
import type { RateLimiter } from "./rate-limiter.js";

/**
 * The Connect `requestGate`: the API key, then the key's request rate, both
 * before the body is read. Gate rejections skip every interceptor, so they
 * are counted here (the gates log them).
 */
export function createRequestGate(options: { verifier: ApiKeyVerifier; rateLimiter: RateLimiter; metrics: GatewayMetrics }): (ctx: HandlerContext) => void {
  const onReject = options.metrics.countRejected;
  const auth = createAuthGate(options.verifier, onReject);
  const rateLimit = createRateLimitGate(options.rateLimiter, onReject);
  return (ctx) => {
    try {
      auth(ctx);
      rateLimit(ctx);
    } catch (error) {
      options.metrics.observeRequest(ctx.method.name, grpcCodeName(ConnectError.from(error).code));
      throw error;
    }
  };
}
