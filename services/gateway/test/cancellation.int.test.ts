import http from "node:http";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { DocumentService } from "@docproc/gen/docproc/v1/document_service_pb.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cannedClassification, cannedExtraction } from "./support/fake-backends.js";
import { startGateway, TEST_KEYS, type GatewayHarness } from "./support/gateway-harness.js";

const document = { sources: [{ source: { case: "url" as const, value: "https://example.com/w2.png" } }] };
const headers = { "x-api-key": TEST_KEYS.alice };

let gw: GatewayHarness;
beforeAll(async () => {
  // Deadlines far away: a cancellation seen by the backend can only come from the client leaving.
  gw = await startGateway({ DEFAULT_DEADLINE_MS: "60000", MAX_DEADLINE_MS: "90000" });
});
afterAll(async () => {
  await gw.close();
});
afterEach(() => {
  gw.classify.behave({ kind: "reply", response: cannedClassification });
  gw.extract.behave({ kind: "reply", response: cannedExtraction });
});

/** Sends a raw HTTP/1.1 POST and destroys the socket once the backend has the call. */
async function postThenHangUp(path: string, contentType: string, body: string, backendCalls: () => Promise<void>): Promise<void> {
  const req = http.request({ host: "127.0.0.1", port: gw.port, method: "POST", path, headers: { "content-type": contentType, ...headers } });
  req.on("error", () => {});
  req.end(body);
  await backendCalls();
  req.destroy();
}

describe("client goes away", () => {
  it("cancels the backend call when an HTTP/1.1 Connect client closes its socket", async () => {
    gw.classify.behave({ kind: "hang" });
    const before = gw.classify.calls.length;
    const body = JSON.stringify({ document: { sources: [{ url: "https://example.com/a.png" }] } });
    await postThenHangUp("/docproc.v1.ClassifyService/ClassifyDocument", "application/json", body, () => gw.classify.waitForCalls(before + 1));
    await gw.classify.calls[before]?.cancelled;
  }, 15_000);

  it("cancels the backend call when a REST client closes its socket", async () => {
    gw.extract.behave({ kind: "hang" });
    const before = gw.extract.calls.length;
    const body = JSON.stringify({ image_urls: ["https://example.com/a.png"], doc_type: "W2" });
    await postThenHangUp("/v1/extract", "application/json", body, () => gw.extract.waitForCalls(before + 1));
    await gw.extract.calls[before]?.cancelled;
  }, 15_000);

  it("cancels the backend call when an HTTP/2 client resets its stream (gRPC and Connect)", async () => {
    gw.extract.behave({ kind: "hang" });
    for (const transport of [createGrpcTransport({ baseUrl: gw.baseUrl }), createConnectTransport({ baseUrl: gw.baseUrl, httpVersion: "2" })]) {
      const controller = new AbortController();
      const before = gw.extract.calls.length;
      const pending = createClient(DocumentService, transport).processDocument(
        { document, documentType: DocumentType.W2 },
        { headers, signal: controller.signal },
      );
      await gw.extract.waitForCalls(before + 1);
      controller.abort();
      await expect(pending).rejects.toMatchObject({ code: Code.Canceled });
      await gw.extract.calls[before]?.cancelled;
    }
  }, 15_000);
});

describe("deadlines", () => {
  it("caps a deadline above MAX_DEADLINE_MS instead of rejecting it (Connect and gRPC)", async () => {
    for (const transport of [createConnectTransport({ baseUrl: gw.baseUrl, httpVersion: "1.1" }), createGrpcTransport({ baseUrl: gw.baseUrl })]) {
      const response = await createClient(ClassifyService, transport).classifyDocument({ document }, { headers, timeoutMs: 3_600_000 });
      expect(response.documentType).toBe(DocumentType.W2);
      const deadlineMs = gw.classify.calls.at(-1)?.deadlineMs ?? 0;
      expect(deadlineMs).toBeLessThanOrEqual(90_000);
      expect(deadlineMs).toBeGreaterThan(80_000);
    }
  });

  it("caps a Connect deadline too large for a Node timer instead of expiring at once", async () => {
    const res = await fetch(`${gw.baseUrl}/docproc.v1.ClassifyService/ClassifyDocument`, {
      method: "POST",
      headers: { "content-type": "application/json", "connect-timeout-ms": "9999999999", ...headers },
      body: JSON.stringify({ document: { sources: [{ url: "https://example.com/a.png" }] } }),
    });
    expect(res.status).toBe(200);
    expect(gw.classify.calls.at(-1)?.deadlineMs).toBeLessThanOrEqual(90_000);
  });

  it("answers a DEADLINE_EXCEEDED backend with HTTP 504 (Connect and REST)", async () => {
    gw.classify.behave({ kind: "error", code: 4, details: "model did not answer in time" });
    const connect = await fetch(`${gw.baseUrl}/docproc.v1.ClassifyService/ClassifyDocument`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ document: { sources: [{ url: "https://example.com/a.png" }] } }),
    });
    expect(connect.status).toBe(504);
    expect(await connect.json()).toMatchObject({ code: "deadline_exceeded" });
    const rest = await fetch(`${gw.baseUrl}/v1/classify`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ image_urls: ["https://example.com/a.png"] }),
    });
    expect(rest.status).toBe(504);
  });
});

describe("REST deadline", () => {
  it("answers 504 when DEFAULT_DEADLINE_MS passes and the backend sees the deadline", async () => {
    const short = await startGateway({ DEFAULT_DEADLINE_MS: "300" });
    try {
      short.extract.behave({ kind: "hang" });
      const res = await fetch(`${short.baseUrl}/v1/extract`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ image_urls: ["https://example.com/a.png"], doc_type: "W2" }),
      });
      expect(res.status).toBe(504);
      expect(await res.json()).toEqual({ detail: "deadline exceeded" });
      const call = short.extract.calls.at(-1);
      expect(call?.deadlineMs).toBeLessThanOrEqual(300);
      await call?.cancelled;
    } finally {
      await short.close();
    }
  });

  it("a ProcessDocument deadline covers classify and extract together", async () => {
    gw.classify.behave({ kind: "reply", response: cannedClassification, delayMs: 200 });
    const before = gw.extract.calls.length;
    const error = await createClient(DocumentService, createGrpcTransport({ baseUrl: gw.baseUrl }))
      .processDocument({ document }, { headers, timeoutMs: 1000 })
      .then(
        () => undefined,
        (e: unknown) => ConnectError.from(e),
      );
    expect(error).toBeUndefined();
    const extractDeadline = gw.extract.calls[before]?.deadlineMs ?? Infinity;
    expect(extractDeadline).toBeLessThanOrEqual(800);
  });
});
