import { createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentService } from "@docproc/gen/docproc/v1/document_service_pb.js";
import { Health } from "@docproc/gen/grpc/health/v1/health_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, TEST_KEYS, type GatewayHarness } from "./support/gateway-harness.js";

const document = { sources: [{ source: { case: "url" as const, value: "https://example.com/w2.png" } }] };
const headers = { "x-api-key": TEST_KEYS.alice };

/** The value of the exposition line `name{…}` whose labels include every one given. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && wanted.every((label) => l.includes(label)));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
}

describe("GET /metrics", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ RATE_LIMIT_OVERRIDES: "bob:1/60", HEALTH_CACHE_MS: "60000" });
  });
  afterAll(async () => {
    await gw.close();
  });

  it("counts requests by method and code, rejections, latency and backend attempts", async () => {
    await createClient(DocumentService, createGrpcTransport({ baseUrl: gw.baseUrl })).processDocument({ document }, { headers });
    const connect = createClient(ClassifyService, createConnectTransport({ baseUrl: gw.baseUrl, httpVersion: "1.1" }));
    await connect.classifyDocument({ document }, { headers: { "x-api-key": "wrong" } }).catch(() => undefined);
    await connect.classifyDocument({ document }, { headers: { "x-api-key": TEST_KEYS.bob } });
    await connect.classifyDocument({ document }, { headers: { "x-api-key": TEST_KEYS.bob } }).catch(() => undefined);
    await fetch(`${gw.baseUrl}/v1/extract`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ image_urls: ["https://example.com/a.png"], doc_type: "W2" }),
    });
    await fetch(`${gw.baseUrl}/v1/extract`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });

    const res = await fetch(`${gw.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    const requests = (labels: Record<string, string>) => sample(text, "docproc_rpc_requests_total", { service: "gateway", ...labels });
    expect(requests({ method: "ProcessDocument", code: "OK" })).toBe(1);
    expect(requests({ method: "ClassifyDocument", code: "OK" })).toBe(1);
    expect(requests({ method: "ClassifyDocument", code: "UNAUTHENTICATED" })).toBe(1);
    expect(requests({ method: "ClassifyDocument", code: "RESOURCE_EXHAUSTED" })).toBe(1);
    expect(requests({ method: "POST /v1/extract", code: "OK" })).toBe(1);
    expect(requests({ method: "POST /v1/extract", code: "UNAUTHENTICATED" })).toBe(1);
    expect(sample(text, "docproc_rpc_rejected_total", { reason: "auth" })).toBe(2);
    expect(sample(text, "docproc_rpc_rejected_total", { reason: "rate_limit" })).toBe(1);
    expect(sample(text, "docproc_rpc_duration_seconds_count", { method: "ProcessDocument" })).toBe(1);
    expect(sample(text, "docproc_rpc_inflight", { service: "gateway" })).toBe(0);
    expect(sample(text, "docproc_pages_inflight", { service: "gateway" })).toBe(0);
    const backendCount = (backend: string, method: string) =>
      sample(text, "docproc_gateway_backend_duration_seconds_count", { backend, method, code: "OK" });
    expect(backendCount("classify", "/docproc.v1.ClassifyService/ClassifyDocument")).toBe(2);
    expect(backendCount("extract", "/docproc.v1.ExtractService/ExtractDocument")).toBe(2);
    expect(text).toContain("process_cpu_user_seconds_total");
    // No key, key name or URL in the exposition.
    for (const secret of [...Object.values(TEST_KEYS), "alice", "example.com"]) expect(text).not.toContain(secret);
  });

  it("serves health from the cache: one backend check per HEALTH_CACHE_MS however many probes", async () => {
    const health = createClient(Health, createGrpcTransport({ baseUrl: gw.baseUrl }));
    for (let i = 0; i < 5; i++) {
      expect((await fetch(`${gw.baseUrl}/health`)).status).toBe(200);
      await fetch(`${gw.baseUrl}/ready`);
      await health.check({ service: "" });
    }
    const text = await (await fetch(`${gw.baseUrl}/metrics`)).text();
    for (const backend of ["classify", "extract"]) {
      expect(sample(text, "docproc_gateway_backend_duration_seconds_count", { backend, method: "/grpc.health.v1.Health/Check" })).toBe(1);
    }
  });
});

describe("METRICS_REQUIRE_KEY=true", () => {
  it("puts /metrics behind the API key", async () => {
    const gw = await startGateway({ METRICS_REQUIRE_KEY: "true" });
    try {
      const open = await fetch(`${gw.baseUrl}/metrics`);
      expect(open.status).toBe(401);
      expect(await open.json()).toEqual({ detail: "Missing API key" });
      expect((await fetch(`${gw.baseUrl}/metrics`, { headers })).status).toBe(200);
      expect((await fetch(`${gw.baseUrl}/health`)).status).toBe(200);
    } finally {
      await gw.close();
    }
  });
});
