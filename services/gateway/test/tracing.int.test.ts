import http from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { initTracing, type Tracing } from "@docproc/common";
import { DocumentService } from "@docproc/gen/docproc/v1/document_service_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, TEST_KEYS, type GatewayHarness } from "./support/gateway-harness.js";

/** A fake OTLP/HTTP collector: keeps every JSON body posted to /v1/traces. */
async function startCollector() {
  const bodies: unknown[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.url === "/v1/traces") bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Array<{ key: string; value: { stringValue?: string } }>;
}

function spansOf(bodies: unknown[]): OtlpSpan[] {
  return (bodies as Array<{ resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> }>).flatMap((body) =>
    body.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans)),
  );
}

const attribute = (span: OtlpSpan, key: string) => span.attributes.find((a) => a.key === key)?.value.stringValue;

let collector: Awaited<ReturnType<typeof startCollector>>;
let tracing: Tracing;
let gw: GatewayHarness;
beforeAll(async () => {
  collector = await startCollector();
  tracing = initTracing({ serviceName: "gateway", endpoint: collector.endpoint });
  gw = await startGateway();
});
afterAll(async () => {
  await gw.close();
  await collector.close();
});

describe("tracing", () => {
  it("makes a span per RPC and REST request with the request id, continues the caller's trace and passes it to the backends", async () => {
    const callerTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    await createClient(DocumentService, createGrpcTransport({ baseUrl: gw.baseUrl })).processDocument(
      { document: { sources: [{ source: { case: "url", value: "https://example.com/a.png" } }] } },
      { headers: { "x-api-key": TEST_KEYS.alice, "x-request-id": "trace-rpc-1", traceparent: `00-${callerTraceId}-00f067aa0ba902b7-01` } },
    );
    await fetch(`${gw.baseUrl}/v1/classify`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": TEST_KEYS.alice, "x-request-id": "trace-rest-1" },
      body: JSON.stringify({ image_urls: ["https://example.com/a.png"] }),
    });
    // Both backend calls of ProcessDocument carry the caller's trace id.
    const rpcTraceparents = [gw.classify.calls.at(-2), gw.extract.calls.at(-1)].map((call) => String(call?.metadata.get("traceparent")[0]));
    for (const traceparent of rpcTraceparents) expect(traceparent.split("-")[1]).toBe(callerTraceId);

    await tracing.shutdown();
    const spans = spansOf(collector.bodies);
    const rpc = spans.find((span) => attribute(span, "docproc.request_id") === "trace-rpc-1");
    expect(rpc?.name).toBe("docproc.v1.DocumentService/ProcessDocument");
    expect(rpc?.traceId).toBe(callerTraceId);
    expect(rpc?.parentSpanId).toBe("00f067aa0ba902b7");
    // The backend was called as a child of the gateway's span.
    expect(rpcTraceparents[0]?.split("-")[2]).toBe(rpc?.spanId);

    const rest = spans.find((span) => attribute(span, "docproc.request_id") === "trace-rest-1");
    expect(rest?.name).toBe("POST /v1/classify");
    expect(String(gw.classify.calls.at(-1)?.metadata.get("traceparent")[0]).split("-")[1]).toBe(rest?.traceId);
  });
});
