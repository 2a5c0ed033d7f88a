import { Code } from "@connectrpc/connect";
import { PageStatus } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeResponseSpec } from "../test-support/fake-openai-server.js";
import { type ExtractStack, failure, inline, modelFrameWidth, startExtractStack, VALID_LAYOUT } from "./support/extract-stack.js";
import { pngPage, pngWidth, requestPng } from "./support/image-fixtures.js";

// Back-pressure: past EXTRACT_MAX_INFLIGHT_REQUESTS calls or
// EXTRACT_MAX_INFLIGHT_PAGES pages the server answers RESOURCE_EXHAUSTED at
// once instead of queueing; pages give their slots back one by one. Metrics
// are read over HTTP from the real /metrics endpoint.

let stack: ExtractStack;
let small: Buffer;
let large: Buffer;
let smallWidth: number;
let largeWidth: number;

const ok: FakeResponseSpec = { kind: "completion", content: VALID_LAYOUT };
const chatCount = () => stack.model.requests.filter((r) => r.path.endsWith("/chat/completions")).length;

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 5));
}

async function scrape(path = "/metrics"): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${stack.app.metricsPort}${path}`);
  return { status: response.status, text: await response.text() };
}

function documentOf(...pages: Buffer[]) {
  return { document: { sources: pages.map((bytes) => ({ source: { case: "content" as const, value: bytes } })) } };
}

beforeAll(async () => {
  stack = await startExtractStack({
    env: { EXTRACT_MAX_INFLIGHT_REQUESTS: "2", EXTRACT_MAX_INFLIGHT_PAGES: "3" },
    metricsServer: true,
  });
  small = await pngPage(120, 80);
  large = await pngPage(600, 300);
  smallWidth = await modelFrameWidth(stack, small);
  largeWidth = await modelFrameWidth(stack, large);
  expect(smallWidth).not.toBe(largeWidth);
  await stack.waitServing();
});
afterAll(() => stack?.close());

describe("extract: back-pressure", () => {
  it("refuses a call past EXTRACT_MAX_INFLIGHT_REQUESTS at once, then serves again", async () => {
    const held = gate();
    stack.model.reset();
    stack.model.setHandler(async () => {
      await held.opened;
      return ok;
    });
    const running = [stack.extract(inline(small)), stack.extract(inline(small))];
    await until(() => chatCount() >= 2);

    const busy = await failure(stack.extract(inline(small)));
    expect(busy.code).toBe(Code.ResourceExhausted);
    expect(busy.rawMessage).toBe("server busy: 2 requests in flight");
    expect(chatCount()).toBe(2);

    held.open();
    for (const { response } of await Promise.all(running)) expect(response.pages[0]?.status).toBe(PageStatus.OK);
    stack.model.setHandler(() => ok);
    expect((await stack.extract(inline(small))).response.pageCount).toBe(1);
  });

  it("admits pages up to EXTRACT_MAX_INFLIGHT_PAGES and frees each page's slot when it is read", async () => {
    const smallGate = gate();
    const largeGate = gate();
    stack.model.reset();
    stack.model.setHandler(async (body) => {
      const png = requestPng(body);
      await (png && pngWidth(png) === largeWidth ? largeGate.opened : smallGate.opened);
      return ok;
    });
    // Three pages in flight: the ceiling.
    const first = stack.extract(documentOf(small, small, large));
    await until(() => chatCount() >= 3);
    expect((await scrape()).text).toContain('docproc_pages_inflight{service="extract"} 3');

    const refused = await failure(stack.extract(documentOf(small)));
    expect(refused.code).toBe(Code.ResourceExhausted);
    expect(refused.rawMessage).toBe("server busy: 3 pages in flight");

    // The two small pages finish; the large one is still being read.
    smallGate.open();
    await expect.poll(async () => (await scrape()).text.includes('docproc_pages_inflight{service="extract"} 1')).toBe(true);
    const second = await stack.extract(documentOf(small, small));
    expect(second.response.failedPages).toEqual([]);

    largeGate.open();
    const { response } = await first;
    expect(response.pages.map((p) => p.status)).toEqual([PageStatus.OK, PageStatus.OK, PageStatus.OK]);
    expect((await scrape()).text).toContain('docproc_pages_inflight{service="extract"} 0');
  });

  it("exposes what happened on /metrics, /live and /ready", async () => {
    const live = await scrape("/live");
    expect(live.status).toBe(200);
    expect((await scrape("/ready")).status).toBe(200);
    const { status, text } = await scrape();
    expect(status).toBe(200);
    expect(text).toMatch(/docproc_rpc_requests_total\{service="extract",method="ExtractDocument",code="OK"\} \d+/);
    expect(text).toContain('docproc_rpc_requests_total{service="extract",method="ExtractDocument",code="RESOURCE_EXHAUSTED"} 2');
    expect(text).toContain('docproc_rpc_rejected_total{service="extract",reason="requests"} 1');
    expect(text).toContain('docproc_rpc_rejected_total{service="extract",reason="pages"} 1');
    expect(text).toMatch(/docproc_pages_processed_total\{service="extract",engine="vlm",document_type="unspecified",status="ok"\} \d+/);
    expect(text).toMatch(/docproc_model_requests_total\{service="extract",model="dots-ocr",outcome="ok"\} \d+/);
    expect(text).toContain('docproc_rpc_inflight{service="extract"} 0');
    expect(text).toContain("nodejs_heap_size_used_bytes");
  });
});
