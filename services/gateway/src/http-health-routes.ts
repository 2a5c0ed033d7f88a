import type { FastifyInstance } from "fastify";
import { isReady, type BackendHealth, type BackendHealthMonitor } from "./backend-health.js";

/**
 * Plain HTTP probes, no key needed:
 * - GET /live: the process answers (200 {"status":"live"}).
 * - GET /ready: 200 {"status":"ready"} once both backends answer SERVING,
 *   else 503 (also during shutdown), so a load balancer can act on it.
 * - GET /health: per-backend status and latency; 503 when one is not SERVING
 *   (the system we replace always answered 200).
 * All answers come from the monitor's cache (HEALTH_CACHE_MS).
 */
export function registerHealthRoutes(app: FastifyInstance, monitor: BackendHealthMonitor): void {
  app.get("/live", async () => ({ status: "live" }));

  app.get("/ready", async (_request, reply) => {
    const snapshot = await monitor.snapshot();
    if (isReady(snapshot)) return { status: "ready" };
    const reason = snapshot.shuttingDown ? "shutting down" : "backends not serving";
    return reply.code(503).send({ status: "not_ready", reason });
  });

  app.get("/health", async (_request, reply) => {
    const snapshot = await monitor.snapshot();
    const ready = isReady(snapshot);
    return reply.code(ready ? 200 : 503).send({
      status: ready ? "healthy" : "degraded",
      gateway: snapshot.shuttingDown ? "shutting_down" : "healthy",
      backends: { classify: toJson(snapshot.classify), extract: toJson(snapshot.extract) },
    });
  });
}

function toJson(health: BackendHealth) {
  return {
    status: health.status,
    latency_ms: health.latencyMs,
    ...(health.error ? { error: health.error } : {}),
    ...(health.engine ? { engine: health.engine.engine, model: health.engine.modelId } : {}),
  };
}
