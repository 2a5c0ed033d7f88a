import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { callGrpcUnary } from "@docproc/common";
import { ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import * as grpc from "@grpc/grpc-js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestClient } from "../../../packages/common/test-support/grpc-test-client.js";
import { cannedClassification } from "./support/fake-backends.js";
import { startGateway, TEST_KEYS, type GatewayHarness } from "./support/gateway-harness.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const document = { sources: [{ source: { case: "url" as const, value: "https://example.com/w2.png" } }] };
const key = { "x-api-key": TEST_KEYS.alice };

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGateway({ DEFAULT_DEADLINE_MS: "45000" });
});
afterAll(async () => {
  await gw.close();
});
afterEach(() => gw.classify.behave({ kind: "reply", response: cannedClassification }));

describe("request ids", () => {
  it("echoes a given id on Connect responses and passes it to the backend", async () => {
    let echoed: string | null = null;
    const client = createClient(ClassifyService, createConnectTransport({ baseUrl: gw.baseUrl, httpVersion: "1.1" }));
    await client.classifyDocument({ document }, { headers: { ...key, "x-request-id": "req-abc.123_X" }, onHeader: (h) => (echoed = h.get("x-request-id")) });
    expect(echoed).toBe("req-abc.123_X");
    expect(gw.classify.calls.at(-1)?.requestId).toBe("req-abc.123_X");
    expect(gw.logs.some((line) => line["requestId"] === "req-abc.123_X" && line["msg"] === "rpc")).toBe(true);
  });

  it("generates a uuid v4 when the id is absent or unsafe", async () => {
    for (const given of [undefined, "has spaces", "x".repeat(129)]) {
      const res = await fetch(`${gw.baseUrl}/v1/classify`, {
        method: "POST",
        headers: { ...key, "content-type": "application/json", ...(given ? { "x-request-id": given } : {}) },
        body: JSON.stringify({ image_urls: ["https://example.com/a.png"] }),
      });
      const id = res.headers.get("x-request-id");
      expect(id).toMatch(UUID_V4);
      expect(gw.classify.calls.at(-1)?.requestId).toBe(id);
    }
  });

  it("puts the id on errors, gRPC headers and health answers", async () => {
    gw.classify.behave({ kind: "error", code: grpc.status.UNAVAILABLE, details: "model server unavailable" });
    const connectError = await fetch(`${gw.baseUrl}/docproc.v1.ClassifyService/ClassifyDocument`, {
      method: "POST",
      headers: { ...key, "content-type": "application/json", "x-request-id": "err-1" },
      body: JSON.stringify({ document: { sources: [{ url: "https://example.com/a.png" }] } }),
    });
    expect(connectError.status).toBe(503);
    expect(connectError.headers.get("x-request-id")).toBe("err-1");

    const live = await fetch(`${gw.baseUrl}/live`, { headers: { "x-request-id": "live-1" } });
    expect(live.headers.get("x-request-id")).toBe("live-1");

    gw.classify.behave({ kind: "reply", response: cannedClassification });
    const client = createTestClient(gw.port);
    try {
      const metadata = new grpc.Metadata();
      metadata.set("x-api-key", TEST_KEYS.alice);
      metadata.set("x-request-id", "grpc-1");
      const { header } = await callGrpcUnary(client, ClassifyService.method.classifyDocument, { document }, { metadata });
      expect(header.get("x-request-id")).toEqual(["grpc-1"]);
      expect(gw.classify.calls.at(-1)?.requestId).toBe("grpc-1");
    } finally {
      client.close();
    }
  });
});

describe("deadlines", () => {
  it("passes a 300 ms client deadline to the backend and answers DeadlineExceeded (Connect and gRPC)", async () => {
    gw.classify.behave({ kind: "hang" });
    for (const transport of [
      createConnectTransport({ baseUrl: gw.baseUrl, httpVersion: "1.1" }),
      createGrpcTransport({ baseUrl: gw.baseUrl }),
    ]) {
      const client = createClient(ClassifyService, transport);
      const error = await client.classifyDocument({ document }, { headers: key, timeoutMs: 300 }).then(
        () => undefined,
        (e: unknown) => ConnectError.from(e),
      );
      expect(error?.code).toBe(Code.DeadlineExceeded);
      const call = gw.classify.calls.at(-1);
      expect(call?.deadlineMs).toBeLessThanOrEqual(300);
      expect(call?.deadlineMs).toBeGreaterThan(0);
      await call?.cancelled;
    }
  });

  it("answers HTTP 504 to a Connect JSON call whose connect-timeout-ms passes", async () => {
    gw.classify.behave({ kind: "hang" });
    const res = await fetch(`${gw.baseUrl}/docproc.v1.ClassifyService/ClassifyDocument`, {
      method: "POST",
      headers: { ...key, "content-type": "application/json", "connect-timeout-ms": "300" },
      body: JSON.stringify({ document: { sources: [{ url: "https://example.com/a.png" }] } }),
    });
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ code: "deadline_exceeded" });
  });

  it("gives the backend DEFAULT_DEADLINE_MS when the caller sets none", async () => {
    const client = createClient(ClassifyService, createGrpcTransport({ baseUrl: gw.baseUrl }));
    await client.classifyDocument({ document }, { headers: key });
    const deadlineMs = gw.classify.calls.at(-1)?.deadlineMs ?? 0;
    expect(deadlineMs).toBeLessThanOrEqual(45_000);
    expect(deadlineMs).toBeGreaterThan(40_000);
  });

  it("rejects a @grpc/grpc-js call past its deadline with DEADLINE_EXCEEDED", async () => {
    gw.classify.behave({ kind: "hang" });
    const client = createTestClient(gw.port);
    try {
      const metadata = new grpc.Metadata();
      metadata.set("x-api-key", TEST_KEYS.alice);
      const error = await callGrpcUnary(client, ClassifyService.method.classifyDocument, { document }, { metadata, deadline: new Date(Date.now() + 300) }).then(
        () => undefined,
        (e: unknown) => ConnectError.from(e),
      );
      expect(error?.code).toBe(Code.DeadlineExceeded);
      expect(gw.classify.calls.at(-1)?.deadlineMs).toBeLessThanOrEqual(300);
    } finally {
      client.close();
    }
  });
});
