import http from "node:http";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { callGrpcUnary } from "@docproc/common";
import { ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestClient } from "../../../packages/common/test-support/grpc-test-client.js";
import { startGateway, TEST_KEYS, type GatewayHarness } from "./support/gateway-harness.js";
import { PROTOCOLS } from "./support/protocols.js";

const document = { sources: [{ source: { case: "url" as const, value: "https://example.com/w2.png" } }] };

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.close();
});

/** The header cases of the matrix and what each must give. */
const CASES: Array<{ name: string; headers: Record<string, string>; error?: string }> = [
  { name: "no key", headers: {}, error: "missing API key" },
  { name: "wrong key", headers: { "x-api-key": "not-a-key" }, error: "invalid API key" },
  { name: "wrong Bearer key", headers: { authorization: "Bearer not-a-key" }, error: "invalid API key" },
  { name: "good x-api-key", headers: { "x-api-key": TEST_KEYS.alice } },
  { name: "good Bearer key", headers: { authorization: `Bearer ${TEST_KEYS.bob}` } },
];

async function expectOutcome(call: () => Promise<{ documentType: DocumentType }>, error: string | undefined): Promise<void> {
  if (error === undefined) {
    expect((await call()).documentType).toBe(DocumentType.W2);
    return;
  }
  const failure = await call().then(
    () => undefined,
    (e: unknown) => ConnectError.from(e),
  );
  expect(failure?.code).toBe(Code.Unauthenticated);
  expect(failure?.rawMessage).toBe(error);
}

describe("API keys on every protocol", () => {
  for (const [protocol, transport] of Object.entries(PROTOCOLS)) {
    for (const { name, headers, error } of CASES) {
      it(`${protocol}: ${name}`, async () => {
        const client = createClient(ClassifyService, transport(gw.baseUrl));
        await expectOutcome(() => client.classifyDocument({ document }, { headers }), error);
      });
    }
  }

  it("@grpc/grpc-js client: the whole matrix", async () => {
    const client = createTestClient(gw.port);
    try {
      for (const { headers, error } of CASES) {
        const metadata = new grpc.Metadata();
        for (const [key, value] of Object.entries(headers)) metadata.set(key, value);
        await expectOutcome(
          async () => (await callGrpcUnary(client, ClassifyService.method.classifyDocument, { document }, { metadata })).response,
          error,
        );
      }
    } finally {
      client.close();
    }
  });

  it("rejects before reading the body: an unauthenticated malformed body is 401, not 400", async () => {
    const res = await fetch(`${gw.baseUrl}/docproc.v1.ClassifyService/ClassifyDocument`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(await res.json()).toMatchObject({ code: "unauthenticated", message: "missing API key" });
  });

  it("answers 401, not 500, to a key with non-ASCII bytes", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: "127.0.0.1", port: gw.port, method: "POST", path: "/v1/classify", headers: { "x-api-key": "cl\u00e9-\u00f8", "content-type": "application/json" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify({ image_urls: ["https://example.com/a.png"] }));
    });
    expect(status).toBe(401);
  });

  it("logs rejections with the request id and the principal of accepted calls, never a key", async () => {
    const client = createClient(ClassifyService, PROTOCOLS["connect h1"](gw.baseUrl));
    await client.classifyDocument({ document }, { headers: { "x-api-key": "wrong-key-in-logs?", "x-request-id": "auth-log-1" } }).catch(() => {});
    await client.classifyDocument({ document }, { headers: { "x-api-key": TEST_KEYS.alice, "x-request-id": "auth-log-2" } });
    const rejected = gw.logs.find((line) => line["requestId"] === "auth-log-1" && line["reason"] === "invalid");
    expect(rejected).toBeDefined();
    const accepted = gw.logs.find((line) => line["requestId"] === "auth-log-2" && line["msg"] === "rpc");
    expect(accepted).toMatchObject({ principal: "alice", code: "ok", rpc: "docproc.v1.ClassifyService/ClassifyDocument" });
    const text = gw.logText();
    for (const key of [...Object.values(TEST_KEYS), "wrong-key-in-logs", "not-a-key"]) expect(text).not.toContain(key);
  });
});

describe("API keys on the REST routes", () => {
  const body = JSON.stringify({ image_urls: ["https://example.com/w2.png"], doc_type: "W2" });
  for (const route of ["/v1/classify", "/v1/extract"]) {
    for (const { name, headers, error } of CASES) {
      it(`${route}: ${name}`, async () => {
        const res = await fetch(`${gw.baseUrl}${route}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
        if (error === undefined) {
          expect(res.status).toBe(200);
          return;
        }
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ detail: error === "missing API key" ? "Missing API key" : "Invalid API key" });
      });
    }
  }
});
