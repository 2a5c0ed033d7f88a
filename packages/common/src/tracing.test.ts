import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { Metadata } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestClient } from "../test-support/grpc-test-client.js";
import { callGrpcUnary } from "./call-grpc-unary.js";
import { createGrpcServer } from "./grpc-server.js";
import { createLogger } from "./logger.js";
import { initTracing, injectTraceContext, tracingEnabled, withSpan } from "./tracing.js";

interface Received {
  path: string;
  contentType: string;
  body: string;
}

const logger = createLogger({ service: "test", level: "silent" });
const received: Received[] = [];
let collector: Server;
let endpoint: string;

beforeAll(async () => {
  // An in-process OTLP/HTTP receiver: records every POST.
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ path: req.url ?? "", contentType: String(req.headers["content-type"] ?? ""), body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

describe("tracing", () => {
  it("is a no-op without an endpoint", async () => {
    const tracing = initTracing({ serviceName: "x", endpoint: undefined });
    expect(tracing.enabled).toBe(false);
    expect(tracingEnabled()).toBe(false);
    expect(await withSpan("plain", {}, async (span) => span.isRecording())).toBe(false);
    expect(injectTraceContext(new Metadata()).get("traceparent")).toEqual([]);
    await tracing.shutdown();
  });

  it("exports a server span per RPC with the request id, continuing the caller's traceparent, plus child spans", async () => {
    const tracing = initTracing({ serviceName: "classify-test", endpoint, logger });
    expect(tracingEnabled()).toBe(true);
    const server = createGrpcServer({
      logger,
      services: [
        {
          service: ClassifyService,
          handlers: { classifyDocument: () => withSpan("model request", { "docproc.model": "fake" }, async () => ({ reasoning: "ok" })) },
        },
      ],
      maxReceiveMessageBytes: 1024 * 1024,
    });
    const client = createTestClient(await server.listen("127.0.0.1", 0));
    try {
      const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
      const metadata = new Metadata();
      metadata.set("x-request-id", "trace-req-1");
      metadata.set("traceparent", `00-${traceId}-00f067aa0ba902b7-01`);
      await callGrpcUnary(client, ClassifyService.method.classifyDocument, {}, { metadata });

      // A caller's span travels through callGrpcUnary's metadata into the server span.
      let callerTraceId = "";
      await withSpan("gateway call", {}, async (span) => {
        callerTraceId = span.spanContext().traceId;
        await callGrpcUnary(client, ClassifyService.method.classifyDocument, {});
      });
    } finally {
      client.close();
      server.server.forceShutdown();
      await tracing.shutdown(); // flushes the batch
    }

    const posts = received.filter((r) => r.path === "/v1/traces");
    expect(posts.length).toBeGreaterThan(0);
    const all = posts.map((p) => p.body).join("\n");
    if (posts.every((p) => p.contentType.includes("json"))) {
      expect(all).toContain("docproc.v1.ClassifyService/ClassifyDocument");
      expect(all).toContain("trace-req-1");
      expect(all).toContain("docproc.request_id");
      expect(all).toContain("4bf92f3577b34da6a3ce929d0e0e4736");
      expect(all).toContain("model request");
      expect(all).toContain("classify-test");
      const spans = posts.flatMap((p) => collectSpans(JSON.parse(p.body)));
      const rpcSpans = spans.filter((s) => s.name === "docproc.v1.ClassifyService/ClassifyDocument");
      expect(rpcSpans).toHaveLength(2);
      const caller = spans.find((s) => s.name === "gateway call");
      expect(rpcSpans.some((s) => s.traceId === caller?.traceId)).toBe(true);
      const child = spans.find((s) => s.name === "model request");
      expect(rpcSpans.some((s) => s.spanId === child?.parentSpanId)).toBe(true);
    }
    expect(tracingEnabled()).toBe(false);
  });
});

interface JsonSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}

function collectSpans(body: { resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: JsonSpan[] }> }> }): JsonSpan[] {
  return (body.resourceSpans ?? []).flatMap((r) => (r.scopeSpans ?? []).flatMap((s) => s.spans ?? []));
}
