import { ConfidenceSource } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { PageStatus, PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { PageHandle } from "@docproc/ingest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQwenClassifyEngine } from "../../services/classify/src/vlm/qwen-classify-engine.js";
import { createDotsOcrEngine } from "../../services/extract/src/vlm/dots-ocr-engine.js";
import { type FakeVlmServer, startFakeVlmServer } from "./fake-vlm-server.js";
import { renderTestPagePng } from "./test-page-png.js";

// The load benchmark relies on the fake answering both real engines the way
// vLLM would; these check that contract with the engines themselves.
let fake: FakeVlmServer;
let page: PageHandle;

beforeAll(async () => {
  fake = await startFakeVlmServer({ classifyModel: "q", extractModel: "d", latencyMs: 1, capacity: 2 });
  const image = await renderTestPagePng({ width: 850, height: 1100 });
  page = { index: 0, sourceIndex: 0, format: "png", decode: async () => ({ index: 0, width: 850, height: 1100, dpi: 100, image }) };
});
afterAll(async () => {
  await fake.close();
});

describe("startFakeVlmServer", () => {
  it("answers the Qwen classify engine with a constrained label and logprobs", async () => {
    const engine = createQwenClassifyEngine({ baseUrl: fake.url, model: "q", timeoutMs: 10_000, temperature: 1, maxPixels: 1_003_520 });
    expect(await engine.ready()).toBe(true);
    const verdict = await engine.classifyPage(page, {}, new AbortController().signal);
    expect(verdict.confidenceSource).toBe(ConfidenceSource.MODEL_PROBABILITIES);
    expect(verdict.scores?.get(verdict.documentType)).toBeGreaterThan(0.5);
  });

  it("answers the dots.ocr engine with a layout that parses, within the capacity", async () => {
    const engine = createDotsOcrEngine({ baseUrl: fake.url, model: "d", timeoutMs: 10_000, maxCompletionTokens: 1024, pageConcurrency: 8 });
    const pages = Array.from({ length: 5 }, (_, index) => ({ ...page, index }));
    const results = await engine.readPages({ pages, promptMode: PromptMode.LAYOUT_ALL }, new AbortController().signal);
    expect(results.map((r) => r.status)).toEqual(Array(5).fill(PageStatus.OK));
    expect(results[0]?.elements.length).toBe(3);
    expect(fake.gate.maxInService).toBeLessThanOrEqual(2);
    expect(fake.answered["d"]).toBe(5);
    await engine.close();
  });
});
