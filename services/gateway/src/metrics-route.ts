import type { FastifyInstance } from "fastify";
import type { ApiKeyVerifier } from "./api-key-verifier.js";
import { createRestAuthHook } from "./auth-gate.js";
import type { GatewayMetrics } from "./gateway-metrics.js";

/**
 * GET /metrics, Prometheus text. Open by default, like /health: scrapers
 * rarely hold API keys, and the exposition has counts and latencies only
 * (no key values, URLs or document data; key names do not appear as
 * labels). METRICS_REQUIRE_KEY=true puts it behind the same key check as the
 * API (for a gateway port reachable from outside without a separate
 * scrape network). Never rate-limited: a scraper must not eat a key's quota.
 */
export async function registerMetricsRoute(
  app: FastifyInstance,
  options: { metrics: GatewayMetrics; requireKey: boolean; verifier: ApiKeyVerifier },
): Promise<void> {
  await app.register(async (scope) => {
    if (options.requireKey) scope.addHook("onRequest", createRestAuthHook(options.verifier, options.metrics.countRejected));
    scope.get("/metrics", async (_request, reply) => reply.type(options.metrics.contentType).send(await options.metrics.render()));
  });
}
