import { createDeadlineSignal, createMetrics } from "@docproc/common";
import { PageStatus, PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { blankPng, pngPageHandles } from "../../test-support/fake-page-handle.js";
import { type FakeOpenAiServer, type FakeResponseSpec, startFakeOpenAiServer } from "../../test-support/fake-openai-server.js";
import { createDotsOcrEngine, type DotsOcrEngineOptions } from "./dots-ocr-engine.js";

const MODEL = "dots-ocr";
const VALID = JSON.stringify([{ bbox: [10, 10, 200, 60], category: "Text", text: "Hello" }]);
const ok: FakeResponseSpec = { kind: "completion", content: VALID };
const status = (code: number, headers?: Record<string, string>): FakeResponseSpec => ({ kind: "json", status: code, body: { error: { message: "nope" } }, headers });

let server: FakeOpenAiServer;
let png: Buffer;
/** Arrival times of chat completions, in the order the fake server saw them. */
let arrivals: number[];

beforeAll(async () => {
  server = await startFakeOpenAiServer({ models: [MODEL] });
  png = await blankPng(400, 300);
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  arrivals = [];
});

/** Answers the n-th request (1-based) with answers[n-1], the last one repeating. */
function script(...answers: FakeResponseSpec[]): void {
  server.setHandler(() => {
    arrivals.push(Date.now());
    return answers[Math.min(arrivals.length, answers.length) - 1] as FakeResponseSpec;
  });
}

function engineWith(extra: Partial<DotsOcrEngineOptions> = {}) {
  return createDotsOcrEngine({
    baseUrl: server.url,
    model: MODEL,
    timeoutMs: 5_000,
    maxCompletionTokens: 64,
    pageConcurrency: 2,
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20, minAttemptMs: 100 },
    ...extra,
  });
}

async function readOne(extra: Partial<DotsOcrEngineOptions> = {}, signal = new AbortController().signal) {
  const engine = engineWith(extra);
  try {
    const [page] = await engine.readPages({ pages: pngPageHandles(png, 400, 300, 1), promptMode: PromptMode.LAYOUT_ALL }, signal);
    return page!;
  } finally {
    await engine.close();
  }
}

describe("dots.ocr engine: retries to vLLM", () => {
  it("repeats a 503 and reads the page on the second attempt, counting the retry", async () => {
    script(status(503), ok);
    const metrics = createMetrics("extract");
    const page = await readOne({ metrics });
    expect(page).toMatchObject({ status: PageStatus.OK, attempts: 2, markdown: "Hello" });
    expect(server.requests).toHaveLength(2);
    const text = await metrics.render();
    expect(text).toContain('docproc_model_retries_total{service="extract",model="dots-ocr"} 1');
    expect(text).toContain('docproc_model_requests_total{service="extract",model="dots-ocr",outcome="unavailable"} 1');
    expect(text).toContain('docproc_model_requests_total{service="extract",model="dots-ocr",outcome="ok"} 1');
  });

  it("waits for a 429's Retry-After before the next request", async () => {
    script(status(429, { "retry-after": "1" }), ok);
    const page = await readOne();
    expect(page).toMatchObject({ status: PageStatus.OK, attempts: 2 });
    expect(arrivals).toHaveLength(2);
    const [first, second] = arrivals as [number, number];
    expect(second).toBeGreaterThan(first);
    // The wait starts after the 429 arrived, so the gap is at least the
    // Retry-After (a lower bound only: nothing here says how much longer).
    expect(second - first).toBeGreaterThanOrEqual(990);
  });

  it("marks the page FAILED after maxAttempts persistent 500s, one request at a time", async () => {
    script(status(500));
    const page = await readOne();
    expect(page).toMatchObject({ status: PageStatus.FAILED, attempts: 3, error: "[unavailable] dots.ocr: model server error (HTTP 500)" });
    expect(server.requests).toHaveLength(3);
    // Each retry starts only after the previous request ended.
    expect(server.maxInFlight).toBe(1);
  });

  it("never repeats a 4xx", async () => {
    script(status(400), ok);
    const page = await readOne();
    expect(page).toMatchObject({ status: PageStatus.FAILED, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it("repeats after a dropped connection", async () => {
    script({ kind: "destroy" }, ok);
    const page = await readOne();
    expect(page).toMatchObject({ status: PageStatus.OK, attempts: 2 });
  });

  it("makes no further attempt when the deadline is shorter than the wait", async () => {
    script(status(503, { "retry-after": "30" }), ok);
    const deadline = createDeadlineSignal(new Date(Date.now() + 10_000));
    try {
      const page = await readOne({}, deadline.signal);
      expect(page).toMatchObject({ status: PageStatus.FAILED, attempts: 1, error: "[unavailable] dots.ocr: model server error (HTTP 503)" });
      expect(server.requests).toHaveLength(1);
    } finally {
      deadline.dispose();
    }
  });

  it("stops waiting and sends nothing more once the caller gives up", async () => {
    script(status(503, { "retry-after": "30" }), ok);
    const controller = new AbortController();
    const engine = engineWith({ retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20, minAttemptMs: 0 } });
    const pending = engine.readPages({ pages: pngPageHandles(png, 400, 300, 1), promptMode: PromptMode.LAYOUT_ALL }, controller.signal);
    while (arrivals.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 1 });
    await engine.close();
    expect(server.requests).toHaveLength(1);
  });
});
