import { afterEach, describe, expect, it } from "vitest";
import { createMetrics } from "./metrics.js";
import { createMetricsServer, type MetricsServer } from "./metrics-server.js";

let server: MetricsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("createMetrics", () => {
  it("renders the docproc metrics with the service label and the default Node metrics", async () => {
    const metrics = createMetrics("extract");
    metrics.observeRpc("ExtractDocument", "OK", 0.2);
    metrics.observeRpc("ExtractDocument", "RESOURCE_EXHAUSTED", 0.001);
    metrics.countRejected("requests");
    metrics.countPage("vlm", "W2", "ok");
    metrics.observeModelRequest("dots-ocr", "ok", 3);
    metrics.countModelRetry("dots-ocr");
    metrics.observeOcrSeconds(1.5);
    metrics.countDocumentClassified("cpu", "invoice");
    metrics.setPagesInflight(5);
    const text = await metrics.render();
    expect(text).toContain('docproc_rpc_requests_total{service="extract",method="ExtractDocument",code="OK"} 1');
    expect(text).toContain('docproc_rpc_requests_total{service="extract",method="ExtractDocument",code="RESOURCE_EXHAUSTED"} 1');
    expect(text).toContain('docproc_rpc_duration_seconds_bucket{le="300",service="extract",method="ExtractDocument"} 2');
    expect(text).toContain('docproc_rpc_inflight{service="extract"} 0');
    expect(text).toContain('docproc_rpc_rejected_total{service="extract",reason="requests"} 1');
    expect(text).toContain('docproc_pages_processed_total{service="extract",engine="vlm",document_type="W2",status="ok"} 1');
    expect(text).toContain('docproc_pages_inflight{service="extract"} 5');
    expect(text).toContain('docproc_model_requests_total{service="extract",model="dots-ocr",outcome="ok"} 1');
    expect(text).toContain('docproc_model_retries_total{service="extract",model="dots-ocr"} 1');
    expect(text).toContain('docproc_model_request_duration_seconds_count{service="extract",model="dots-ocr"} 1');
    expect(text).toContain('docproc_ocr_duration_seconds_count{service="extract"} 1');
    expect(text).toContain('docproc_documents_classified_total{engine="cpu",document_type="invoice"} 1');
    expect(text).toContain("process_cpu_seconds_total");
    expect(text).toContain("nodejs_eventloop_lag_seconds");
  });

  it("keeps registries of two instances apart", async () => {
    const a = createMetrics("classify");
    const b = createMetrics("extract");
    a.countRejected("requests");
    expect(await b.render()).not.toContain('reason="requests"');
  });
});

describe("createMetricsServer", () => {
  it("serves /metrics, /live and /ready, and 404 elsewhere", async () => {
    const metrics = createMetrics("classify");
    let ready = false;
    server = createMetricsServer({ metrics, ready: () => ready });
    const port = await server.listen("127.0.0.1", 0);
    const base = `http://127.0.0.1:${port}`;

    const scraped = await fetch(`${base}/metrics`);
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get("content-type")).toContain("text/plain");
    expect(await scraped.text()).toContain('docproc_rpc_inflight{service="classify"} 0');

    expect((await fetch(`${base}/live`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(503);
    ready = true;
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: "POST" })).status).toBe(405);
  });

  it("closes, even with a keep-alive connection open", async () => {
    server = createMetricsServer({ metrics: createMetrics("x") });
    const port = await server.listen("127.0.0.1", 0);
    await (await fetch(`http://127.0.0.1:${port}/live`)).text();
    await server.close();
    await expect(fetch(`http://127.0.0.1:${port}/live`)).rejects.toThrow();
    server = undefined;
  });
});
