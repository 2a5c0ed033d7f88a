import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import * as grpc from "@grpc/grpc-js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cannedClassification } from "./support/fake-backends.js";
import { startGateway, TEST_KEYS, type GatewayHarness } from "./support/gateway-harness.js";

const document = { sources: [{ source: { case: "url" as const, value: "https://example.com/w2.png" } }] };
const headers = { "x-api-key": TEST_KEYS.alice };
const unavailable = { kind: "error" as const, code: grpc.status.UNAVAILABLE, details: "model server unavailable" };

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGateway({ BACKEND_RETRY_INITIAL_BACKOFF_MS: "20", BACKEND_RETRY_MAX_BACKOFF_MS: "50" });
});
afterAll(async () => {
  await gw.close();
});
afterEach(() => gw.classify.behave({ kind: "reply", response: cannedClassification }));

const client = () => createClient(ClassifyService, createGrpcTransport({ baseUrl: gw.baseUrl }));

async function metric(name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${gw.baseUrl}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? 0 : Number(line.split(" ").at(-1));
}

describe("gateway → backend retries", () => {
  it("retries UNAVAILABLE: twice unavailable then OK gives the client OK after 3 attempts", async () => {
    const retriesBefore = await metric("docproc_gateway_backend_retries_total", 'backend="classify"');
    const before = gw.classify.calls.length;
    gw.classify.queue(unavailable, unavailable);
    const response = await client().classifyDocument({ document }, { headers, timeoutMs: 10_000 });
    expect(response.documentType).toBe(DocumentType.W2);
    expect(gw.classify.calls.length - before).toBe(3);
    expect(await metric("docproc_gateway_backend_retries_total", 'backend="classify"')).toBe(retriesBefore + 2);
    // Every attempt carries the same request id and the remaining deadline.
    const attempts = gw.classify.calls.slice(before);
    expect(new Set(attempts.map((call) => call.requestId)).size).toBe(1);
    for (const call of attempts) expect(call.deadlineMs).toBeLessThanOrEqual(10_000);
  });

  it("starts a retry only after the failed attempt has answered", async () => {
    const before = gw.classify.calls.length;
    gw.classify.queue({ ...unavailable, delayMs: 150 });
    await client().classifyDocument({ document }, { headers });
    const [first, second] = gw.classify.calls.slice(before);
    expect(first?.answeredAt).toBeDefined();
    expect(second?.receivedAt).toBeGreaterThanOrEqual(first?.answeredAt ?? Infinity);
  });

  it.each([
    [grpc.status.INVALID_ARGUMENT, Code.InvalidArgument],
    [grpc.status.DEADLINE_EXCEEDED, Code.DeadlineExceeded],
    [grpc.status.RESOURCE_EXHAUSTED, Code.ResourceExhausted],
  ])("never retries grpc status %i", async (status, code) => {
    const before = gw.classify.calls.length;
    gw.classify.queue({ kind: "error", code: status, details: "no" }, { kind: "reply", response: cannedClassification });
    const error = await client()
      .classifyDocument({ document }, { headers })
      .then(
        () => undefined,
        (e: unknown) => ConnectError.from(e),
      );
    expect(error?.code).toBe(code);
    expect(gw.classify.calls.length - before).toBe(1);
    // Drain the queued reply.
    await client().classifyDocument({ document }, { headers });
  });

  it("gives up after BACKEND_MAX_ATTEMPTS and answers UNAVAILABLE (HTTP 503 on REST)", async () => {
    const before = gw.classify.calls.length;
    gw.classify.behave(unavailable);
    const res = await fetch(`${gw.baseUrl}/v1/classify`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ image_urls: ["https://example.com/a.png"] }),
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ detail: "model server unavailable" });
    expect(gw.classify.calls.length - before).toBe(3);
  });
});
