import { readFileSync } from "node:fs";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { PageStatus, PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { LayoutCategory, NormalizedBoxSchema } from "@docproc/gen/docproc/v1/layout_pb.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ExtractEngine } from "../engine.js";
import { blankPng, brokenPageHandle, pngPageHandles } from "../../test-support/fake-page-handle.js";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "../../test-support/fake-openai-server.js";
import { createDotsOcrEngine } from "./dots-ocr-engine.js";
import { DOTS_OCR_PROMPTS } from "./dots-ocr-prompts.js";

const MODEL = "dots-ocr";
const FIXTURES = new URL("../../test-fixtures/dotsocr/", import.meta.url);
interface FixtureInfo {
  file: string;
  elements: number;
  imperfection: { kind: "truncated" | "duplicated"; elements_after_repair: number } | null;
}
const index = JSON.parse(readFileSync(new URL("index.json", FIXTURES), "utf8")) as FixtureInfo[];
const fixture = (file: string): string => readFileSync(new URL(file, FIXTURES), "utf8");
const VALID = JSON.stringify([{ bbox: [100, 100, 600, 200], category: "Text", text: "Hello" }]);

let server: FakeOpenAiServer;
let engine: ExtractEngine;
let letter: Buffer;
const signal = (): AbortSignal => new AbortController().signal;
const textOf = (body: unknown): string => (body as { messages: Array<{ content: Array<{ text?: string }> }> }).messages[0]?.content[1]?.text ?? "";

beforeAll(async () => {
  server = await startFakeOpenAiServer({ models: [MODEL] });
  engine = createDotsOcrEngine({ baseUrl: server.url, model: MODEL, timeoutMs: 5_000, maxCompletionTokens: 8192, pageConcurrency: 4 });
  letter = await blankPng(1700, 2200);
});
afterAll(async () => {
  await engine.close();
  await server.close();
});
beforeEach(() => {
  server.reset();
  server.setHandler(() => ({ kind: "completion", content: VALID }));
});

describe("dots.ocr engine: corpus replay", () => {
  it.each(index.map((f) => [f.file, f] as const))("%s", async (_name, info) => {
    const finishReason = info.imperfection?.kind === "truncated" ? "length" : "stop";
    server.setHandler(() => ({ kind: "completion", content: fixture(info.file), finishReason }));
    const [page] = await engine.readPages({ pages: pngPageHandles(letter, 1700, 2200, 1), promptMode: PromptMode.UNSPECIFIED }, signal());
    expect(page).toMatchObject({ pageIndex: 0, width: 1700, height: 2200, finishReason, attempts: 1 });
    expect(page?.elements).toHaveLength(info.imperfection?.elements_after_repair ?? info.elements);
    expect(page?.status).toBe(info.imperfection ? PageStatus.REPAIRED : PageStatus.OK);
    if (info.imperfection) expect(page?.error).toMatch(/^repaired: /);
    else expect(page?.error).toBe("");
    // The model saw the 1708x2212 frame, so boxes come back inside 1700x2200.
    for (const el of page?.elements ?? []) {
      expect(el.pixelBox?.xMax).toBeLessThanOrEqual(1700);
      expect(el.pixelBox?.yMax).toBeLessThanOrEqual(2200);
      expect(el.box?.xMax).toBeLessThanOrEqual(1);
    }
    expect(page?.markdown.length).toBeGreaterThan(0);
    expect(textOf(server.requests[0]?.body)).toContain(DOTS_OCR_PROMPTS[PromptMode.LAYOUT_ALL]);
  });

  it("maps the first W-2 box from the 1708x2212 frame", async () => {
    server.setHandler(() => ({ kind: "completion", content: fixture("vis-w2-03.page-1.dotsocr.json") }));
    const [page] = await engine.readPages({ pages: pngPageHandles(letter, 1700, 2200, 1), promptMode: PromptMode.LAYOUT_ALL }, signal());
    expect(page?.elements[0]?.pixelBox).toMatchObject({ xMin: 74, yMin: 61, xMax: 1625, yMax: 879 });
    expect(page?.elements[0]?.table?.rowCount).toBe(12);
  });
});

describe("dots.ocr engine: pages", () => {
  it("keeps at most pageConcurrency requests in flight and reads every page", async () => {
    // Answers are held until 4 requests wait (or all 10 have come), so the
    // peak is reached whatever the machine's speed; the limiter caps it.
    let received = 0;
    let waiting: Array<() => void> = [];
    server.setHandler(async () => {
      received += 1;
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length === 4 || received === 10) {
          waiting.forEach((open) => open());
          waiting = [];
        }
      });
      return { kind: "completion", content: VALID };
    });
    const wide = createDotsOcrEngine({ baseUrl: server.url, model: MODEL, timeoutMs: 5_000, maxCompletionTokens: 64, pageConcurrency: 4 });
    const pages = await wide.readPages({ pages: pngPageHandles(letter, 1700, 2200, 10), promptMode: PromptMode.LAYOUT_ALL }, signal());
    await wide.close();
    expect(pages.map((p) => p.pageIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(pages.every((p) => p.status === PageStatus.OK)).toBe(true);
    expect(server.requests).toHaveLength(10);
    expect(server.maxInFlight).toBe(4);
  });

  it("sends all pages together when the limit allows", async () => {
    const gate: Array<() => void> = [];
    server.setHandler(async () => {
      await new Promise<void>((resolve) => {
        gate.push(resolve);
        if (gate.length === 10) gate.forEach((open) => open()); // answers only once all 10 are in flight
      });
      return { kind: "completion", content: VALID };
    });
    const wide = createDotsOcrEngine({ baseUrl: server.url, model: MODEL, timeoutMs: 5_000, maxCompletionTokens: 64, pageConcurrency: 16 });
    const pages = await wide.readPages({ pages: pngPageHandles(letter, 1700, 2200, 10), promptMode: PromptMode.LAYOUT_ALL }, signal());
    await wide.close();
    expect(pages.filter((p) => p.status === PageStatus.OK)).toHaveLength(10);
    expect(server.maxInFlight).toBeGreaterThanOrEqual(10);
  });

  it("aborts every in-flight request when the caller gives up", async () => {
    server.setHandler(() => ({ kind: "hang" }));
    const before = server.disconnects;
    const controller = new AbortController();
    const pending = engine.readPages({ pages: pngPageHandles(letter, 1700, 2200, 3), promptMode: PromptMode.LAYOUT_ALL }, controller.signal);
    while (server.requests.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe(Code.Canceled);
    await server.waitForDisconnects(before + 3);
    expect(server.requests.every((r) => r.disconnected)).toBe(true);
  });

  it("retries unusable output once, then marks the page FAILED", async () => {
    server.setHandler(() => ({ kind: "completion", content: "I am sorry, I cannot read this." }));
    const [page] = await engine.readPages({ pages: pngPageHandles(letter, 1700, 2200, 1), promptMode: PromptMode.LAYOUT_ALL }, signal());
    expect(page).toMatchObject({ status: PageStatus.FAILED, attempts: 2, finishReason: "stop", elements: [] });
    expect(page?.error).toBe("dots.ocr output is not a JSON array of layout elements (after 2 attempts)");
    expect(server.requests).toHaveLength(2);
  });

  it("succeeds on the retry when the second answer is usable", async () => {
    let calls = 0;
    server.setHandler(() => ({ kind: "completion", content: (calls += 1) === 1 ? "[{\"bbox\": [1, 1, 1, 1]}]" : VALID }));
    const [page] = await engine.readPages({ pages: pngPageHandles(letter, 1700, 2200, 1), promptMode: PromptMode.LAYOUT_ALL }, signal());
    expect(page).toMatchObject({ status: PageStatus.OK, attempts: 2, markdown: "Hello" });
  });

  it("fails only the page whose request got a 5xx (retries off)", async () => {
    let calls = 0;
    server.setHandler(() =>
      (calls += 1) === 2 ? { kind: "json", status: 503, body: { error: { message: "down" } } } : { kind: "completion", content: VALID },
    );
    const single = createDotsOcrEngine({ baseUrl: server.url, model: MODEL, timeoutMs: 5_000, maxCompletionTokens: 64, pageConcurrency: 4, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    const pages = await single.readPages({ pages: pngPageHandles(letter, 1700, 2200, 3), promptMode: PromptMode.LAYOUT_ALL }, signal());
    await single.close();
    const failed = pages.filter((p) => p.status === PageStatus.FAILED);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ attempts: 1, width: 1700, height: 2200, error: "[unavailable] dots.ocr: model server error (HTTP 503)" });
    expect(pages.filter((p) => p.status === PageStatus.OK)).toHaveLength(2);
  });

  it("fails a page that cannot be decoded and reads the others", async () => {
    const [first, second] = pngPageHandles(letter, 1700, 2200, 2);
    const pages = await engine.readPages({ pages: [first!, brokenPageHandle(1), { ...second!, index: 2 }], promptMode: PromptMode.LAYOUT_ALL }, signal());
    expect(pages.map((p) => p.status)).toEqual([PageStatus.OK, PageStatus.FAILED, PageStatus.OK]);
    expect(pages[1]).toMatchObject({ pageIndex: 1, attempts: 0, error: "page could not be decoded: [invalid_argument] source 0: image could not be decoded" });
    expect(server.requests).toHaveLength(2);
  });
});

describe("dots.ocr engine: prompt modes", () => {
  it("returns OCR text as one Text element over the page", async () => {
    server.setHandler(() => ({ kind: "completion", content: "  Hello\n\nWorld [not json  " }));
    const [page] = await engine.readPages({ pages: pngPageHandles(letter, 1700, 2200, 1), promptMode: PromptMode.OCR }, signal());
    expect(page).toMatchObject({ status: PageStatus.OK, markdown: "Hello\n\nWorld [not json" });
    expect(page?.elements).toHaveLength(1);
    expect(page?.elements[0]).toMatchObject({ category: LayoutCategory.TEXT, text: "Hello\n\nWorld [not json" });
    expect(page?.elements[0]?.pixelBox).toMatchObject({ xMin: 0, yMin: 0, xMax: 1700, yMax: 2200 });
    expect(textOf(server.requests[0]?.body)).toBe(`<|img|><|imgpad|><|endofimg|>${DOTS_OCR_PROMPTS[PromptMode.OCR]}`);
  });

  it("sends the grounding box in model-frame pixels and returns its text", async () => {
    server.setHandler(() => ({ kind: "completion", content: "75,000.00", finishReason: "length" }));
    const groundingBox = create(NormalizedBoxSchema, { xMin: 0.1, yMin: 0.1, xMax: 0.9, yMax: 0.5 });
    const [page] = await engine.readPages({ pages: pngPageHandles(letter, 1700, 2200, 1), promptMode: PromptMode.GROUNDING_OCR, groundingBox }, signal());
    expect(textOf(server.requests[0]?.body).endsWith("Bounding Box:\n[170, 221, 1537, 1106]")).toBe(true);
    expect(page).toMatchObject({ status: PageStatus.REPAIRED, markdown: "75,000.00", finishReason: "length" });
    expect(page?.elements[0]?.box?.xMin).toBeCloseTo(0.1, 2);
    expect(page?.elements[0]?.box?.yMax).toBeCloseTo(0.5, 2);
  });

  it("rejects grounding without a usable box", async () => {
    const call = engine.readPages({ pages: pngPageHandles(letter, 1700, 2200, 1), promptMode: PromptMode.GROUNDING_OCR }, signal());
    await expect(call).rejects.toMatchObject({ code: Code.InvalidArgument });
  });

  it("returns layout-only elements without text", async () => {
    server.setHandler(() => ({ kind: "completion", content: JSON.stringify([{ bbox: [10, 10, 300, 60], category: "Title" }, { bbox: [10, 80, 300, 400], category: "Table" }]) }));
    const [page] = await engine.readPages({ pages: pngPageHandles(letter, 1700, 2200, 1), promptMode: PromptMode.LAYOUT_ONLY }, signal());
    expect(page?.elements.map((e) => [e.category, e.text])).toEqual([[LayoutCategory.TITLE, ""], [LayoutCategory.TABLE, ""]]);
    expect(page).toMatchObject({ status: PageStatus.OK, markdown: "" });
    expect(textOf(server.requests[0]?.body)).toContain(DOTS_OCR_PROMPTS[PromptMode.LAYOUT_ONLY]);
  });
});

describe("dots.ocr engine: readiness", () => {
  it("is ready only when the model is served", async () => {
    expect(engine.kind).toBe("vlm");
    expect(engine.modelId).toBe(MODEL);
    expect(await engine.ready()).toBe(true);
    server.setModels(["something-else"]);
    expect(await engine.ready()).toBe(false);
    server.setModels([MODEL]);
    const dead = await startFakeOpenAiServer();
    await dead.close();
    const orphan = createDotsOcrEngine({ baseUrl: dead.url, model: MODEL, timeoutMs: 1_000, maxCompletionTokens: 16, pageConcurrency: 1 });
    expect(await orphan.ready()).toBe(false);
    await orphan.close();
  });
});
