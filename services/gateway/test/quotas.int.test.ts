import { Code, ConnectError, createClient, type Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import { callGrpcUnary } from "@docproc/common";
import { ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { DocumentService } from "@docproc/gen/docproc/v1/document_service_pb.js";
import { Health, HealthCheckResponse_ServingStatus as ServingStatus } from "@docproc/gen/grpc/health/v1/health_pb.js";
import * as grpc from "@grpc/grpc-js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestClient } from "../../../packages/common/test-support/grpc-test-client.js";
import { cannedClassification, cannedExtraction } from "./support/fake-backends.js";
import { startGateway, type GatewayHarness } from "./support/gateway-harness.js";

/** One key per protocol, so each test has its own bucket; "big" has an override. */
const KEYS = { connect: "key-connect", grpc: "key-grpc", grpcweb: "key-grpcweb", rest: "key-rest", big: "key-big", pages: "key-pages" } as const;
const url = (n: number) => ({ source: { case: "url" as const, value: `https://example.com/page-${n}.png` } });
const document = { sources: [url(1)] };

async function failure(promise: Promise<unknown>): Promise<ConnectError | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => ConnectError.from(e),
  );
}

describe("per-key rate limits", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({
      GATEWAY_API_KEYS: Object.entries(KEYS).map(([name, key]) => `${name}:${key}`).join(","),
      // 2 per 60 s: one token every 30 s, so the third call waits 30 s.
      RATE_LIMIT_REQUESTS: "2",
      RATE_LIMIT_WINDOW: "60",
      RATE_LIMIT_OVERRIDES: "big:5/3600",
    });
  });
  afterAll(async () => {
    await gw.close();
  });

  const transports: Record<string, (baseUrl: string) => Transport> = {
    connect: (baseUrl) => createConnectTransport({ baseUrl, httpVersion: "1.1" }),
    grpcweb: (baseUrl) => createGrpcWebTransport({ baseUrl, httpVersion: "2" }),
  };
  for (const [name, transport] of Object.entries(transports)) {
    it(`answers RESOURCE_EXHAUSTED with retry-after over ${name}`, async () => {
      const client = createClient(ClassifyService, transport(gw.baseUrl));
      const headers = { "x-api-key": KEYS[name as keyof typeof KEYS] };
      const before = gw.classify.calls.length;
      await client.classifyDocument({ document }, { headers });
      await client.classifyDocument({ document }, { headers });
      const error = await failure(client.classifyDocument({ document }, { headers }));
      expect(error?.code).toBe(Code.ResourceExhausted);
      expect(error?.rawMessage).toBe("rate limit exceeded");
      expect(error?.metadata.get("retry-after")).toBe("30");
      expect(gw.classify.calls.length - before).toBe(2);
    });
  }

  it("answers HTTP 429 with Retry-After to Connect JSON, before reading the body", async () => {
    const post = (body: string) =>
      fetch(`${gw.baseUrl}/docproc.v1.ClassifyService/ClassifyDocument`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": KEYS.connect },
        body,
      });
    // The connect key's bucket was emptied above; a malformed body is not even parsed.
    const res = await post("{not json");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toMatch(/^(29|30)$/);
    expect(await res.json()).toMatchObject({ code: "resource_exhausted", message: "rate limit exceeded" });
  });

  it("answers RESOURCE_EXHAUSTED with a retry-after trailer to a @grpc/grpc-js client", async () => {
    const client = createTestClient(gw.port);
    try {
      const metadata = new grpc.Metadata();
      metadata.set("x-api-key", KEYS.grpc);
      await callGrpcUnary(client, ClassifyService.method.classifyDocument, { document }, { metadata });
      await callGrpcUnary(client, ClassifyService.method.classifyDocument, { document }, { metadata });
      const error = await failure(callGrpcUnary(client, ClassifyService.method.classifyDocument, { document }, { metadata }));
      expect(error?.code).toBe(Code.ResourceExhausted);
      expect(error?.metadata.get("retry-after")).toBe("30");
      // Health stays reachable for a key that is over its rate (and without one).
      const health = createClient(Health, createGrpcTransport({ baseUrl: gw.baseUrl }));
      expect((await health.check({ service: "" })).status).toBe(ServingStatus.SERVING);
    } finally {
      client.close();
    }
  });

  it("answers REST 429 {detail} with Retry-After, shared across the REST routes", async () => {
    const post = (path: string) =>
      fetch(`${gw.baseUrl}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": KEYS.rest },
        body: JSON.stringify({ image_urls: ["https://example.com/a.png"], doc_type: "W2" }),
      });
    expect((await post("/v1/classify")).status).toBe(200);
    expect((await post("/v1/extract")).status).toBe(200);
    const res = await post("/v1/extract");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(await res.json()).toEqual({ detail: "rate limit exceeded" });
    expect((await fetch(`${gw.baseUrl}/health`)).status).toBe(200);
  });

  it("applies a key's override instead of the default", async () => {
    const client = createClient(ClassifyService, createGrpcTransport({ baseUrl: gw.baseUrl }));
    const headers = { "x-api-key": KEYS.big };
    for (let i = 0; i < 5; i++) await client.classifyDocument({ document }, { headers });
    const error = await failure(client.classifyDocument({ document }, { headers }));
    expect(error?.code).toBe(Code.ResourceExhausted);
    // 5 per hour: one token every 720 s.
    expect(error?.metadata.get("retry-after")).toBe("720");
  });

  it("logs the rejection with the key name, never the key", () => {
    const line = gw.logs.find((entry) => entry["msg"] === "request rejected: rate limit exceeded" && entry["principal"] === "big");
    expect(line).toBeDefined();
    for (const key of Object.values(KEYS)) expect(gw.logText()).not.toContain(key);
  });
});

describe("one shared bucket without auth", () => {
  it("limits every caller as 'anonymous'", async () => {
    const gw = await startGateway({ GATEWAY_AUTH_DISABLED: "true", RATE_LIMIT_REQUESTS: "1", RATE_LIMIT_WINDOW: "10" });
    try {
      const client = createClient(ClassifyService, createConnectTransport({ baseUrl: gw.baseUrl, httpVersion: "1.1" }));
      await client.classifyDocument({ document });
      const error = await failure(client.classifyDocument({ document }, { headers: { "x-api-key": "anything" } }));
      expect(error?.code).toBe(Code.ResourceExhausted);
      expect(error?.metadata.get("retry-after")).toBe("10");
    } finally {
      await gw.close();
    }
  });
});

describe("pages in flight per key", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({
      GATEWAY_API_KEYS: `pages:${KEYS.pages},other:${KEYS.rest}`,
      MAX_PAGES_IN_FLIGHT_PER_KEY: "3",
    });
  });
  afterAll(async () => {
    await gw.close();
  });
  afterEach(() => {
    gw.classify.behave({ kind: "reply", response: cannedClassification });
    gw.extract.behave({ kind: "reply", response: cannedExtraction });
  });

  it("refuses pages over the cap while others are in flight, on RPCs and REST, and frees them when done", async () => {
    const headers = { "x-api-key": KEYS.pages };
    const client = createClient(DocumentService, createGrpcTransport({ baseUrl: gw.baseUrl }));
    gw.extract.behave({ kind: "reply", response: cannedExtraction, delayMs: 300 });
    const before = gw.extract.calls.length;
    const running = client.processDocument({ document: { sources: [url(1), url(2)] }, documentType: DocumentType.W2 }, { headers });
    await gw.extract.waitForCalls(before + 1);

    // 2 in flight + 2 > 3.
    const rpcError = await failure(client.processDocument({ document: { sources: [url(3), url(4)] }, documentType: DocumentType.W2 }, { headers }));
    expect(rpcError?.code).toBe(Code.ResourceExhausted);
    expect(rpcError?.rawMessage).toBe("too many pages in flight for this API key (limit 3)");
    expect(rpcError?.metadata.get("retry-after")).toBe("1");

    const rest = await fetch(`${gw.baseUrl}/v1/extract`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ image_urls: ["https://example.com/a.png", "https://example.com/b.png"], doc_type: "W2" }),
    });
    expect(rest.status).toBe(429);
    expect(rest.headers.get("retry-after")).toBe("1");
    expect(await rest.json()).toEqual({ detail: "too many pages in flight for this API key (limit 3)" });
    expect(gw.extract.calls.length).toBe(before + 1);

    // Another key has its own cap; one more page of this key still fits.
    const other = createClient(DocumentService, createGrpcTransport({ baseUrl: gw.baseUrl }));
    const others = other.processDocument({ document: { sources: [url(5), url(6), url(7)] }, documentType: DocumentType.W2 }, { headers: { "x-api-key": KEYS.rest } });
    const fits = client.processDocument({ document: { sources: [url(8)] }, documentType: DocumentType.W2 }, { headers });
    await Promise.all([running, others, fits]);

    // Everything finished, so the whole cap is free again.
    gw.extract.behave({ kind: "reply", response: cannedExtraction });
    const full = await client.processDocument({ document: { sources: [url(1), url(2), url(3)] }, documentType: DocumentType.W2 }, { headers });
    expect(full.extraction?.documentType).toBe(DocumentType.W2);
  });

  it("frees the pages of a failed call and admits one request larger than the cap alone", async () => {
    const headers = { "x-api-key": KEYS.pages };
    const client = createClient(ClassifyService, createConnectTransport({ baseUrl: gw.baseUrl, httpVersion: "1.1" }));
    gw.classify.behave({ kind: "error", code: grpc.status.INVALID_ARGUMENT, details: "document.sources[0]: unreadable" });
    for (let i = 0; i < 3; i++) {
      expect((await failure(client.classifyDocument({ document: { sources: [url(1), url(2), url(3)] } }, { headers })))?.code).toBe(Code.InvalidArgument);
    }
    gw.classify.behave({ kind: "reply", response: cannedClassification });
    const big = await client.classifyDocument({ document: { sources: Array.from({ length: 10 }, (_, i) => url(i)) } }, { headers });
    expect(big.documentType).toBe(DocumentType.W2);
  });
});
