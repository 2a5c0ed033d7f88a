import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Health, HealthCheckResponse_ServingStatus as ServingStatus } from "@docproc/gen/grpc/health/v1/health_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, type GatewayHarness } from "./support/gateway-harness.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.close();
});

async function get(path: string): Promise<{ status: number; json: any }> {
  const res = await fetch(`${gw.baseUrl}${path}`);
  return { status: res.status, json: await res.json() };
}

describe("health", () => {
  it("is live and ready with both backends serving", async () => {
    expect(await get("/live")).toEqual({ status: 200, json: { status: "live" } });
    expect(await get("/ready")).toEqual({ status: 200, json: { status: "ready" } });
    const health = await get("/health");
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({
      status: "healthy",
      gateway: "healthy",
      backends: { classify: { status: "SERVING" }, extract: { status: "SERVING" } },
    });
    expect(typeof health.json.backends.classify.latency_ms).toBe("number");
  });

  it("turns not ready and degraded (503) when a backend is not serving, and back", async () => {
    gw.extract.setServing(false);
    expect((await get("/ready")).status).toBe(503);
    const health = await get("/health");
    expect(health.status).toBe(503);
    expect(health.json).toMatchObject({ status: "degraded", backends: { classify: { status: "SERVING" }, extract: { status: "NOT_SERVING" } } });

    const grpcHealth = createClient(Health, createGrpcTransport({ baseUrl: gw.baseUrl }));
    expect((await grpcHealth.check({ service: "" })).status).toBe(ServingStatus.NOT_SERVING);
    expect((await grpcHealth.check({ service: "docproc.v1.ClassifyService" })).status).toBe(ServingStatus.SERVING);
    expect((await grpcHealth.check({ service: "docproc.v1.DocumentService" })).status).toBe(ServingStatus.NOT_SERVING);

    gw.extract.setServing(true);
    expect((await get("/ready")).status).toBe(200);
  });

  it("streams the status over Watch", async () => {
    const grpcHealth = createClient(Health, createGrpcTransport({ baseUrl: gw.baseUrl }));
    const controller = new AbortController();
    const stream = grpcHealth.watch({ service: "docproc.v1.ExtractService" }, { signal: controller.signal });
    const first = await stream[Symbol.asyncIterator]().next();
    controller.abort();
    expect(first.value?.status).toBe(ServingStatus.SERVING);
  });

  it("reports an unreachable backend without its address", async () => {
    await gw.classify.stop();
    const health = await get("/health");
    expect(health.status).toBe(503);
    expect(health.json.backends.classify).toMatchObject({ status: "UNREACHABLE", error: "classify backend unavailable" });
    expect(JSON.stringify(health.json)).not.toContain("127.0.0.1");
    expect((await get("/ready")).status).toBe(503);
  });
});
