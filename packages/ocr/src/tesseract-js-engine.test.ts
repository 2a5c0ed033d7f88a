import { Code, ConnectError } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderTextPng } from "../test/render-text-png.js";
import { createTesseractJsEngine } from "./tesseract-js-engine.js";
import type { OcrEngine, OcrPage, OcrWord } from "./types.js";

function findWord(page: OcrPage, text: string): OcrWord | undefined {
  return page.lines.flatMap((l) => l.words).find((w) => w.text === text);
}

describe("createTesseractJsEngine (real tesseract.js)", () => {
  let engine: OcrEngine;
  let png: Buffer;

  beforeAll(async () => {
    engine = createTesseractJsEngine({ workers: 1 });
    png = await renderTextPng(800, 300, [
      { x: 40, y: 100, text: "Invoice No. INV-1042", sizePx: 30 },
      { x: 40, y: 220, text: "Total $1,234.56", sizePx: 30 },
    ]);
    await engine.warmup();
  });

  afterAll(async () => {
    await engine.close();
  });

  it("reads words with confidences and boxes where they were drawn", async () => {
    expect(engine.id).toBe("tesseract.js-7");
    expect(engine.workers).toBe(1);
    const page = await engine.recognize(png);
    expect(page).toMatchObject({ width: 800, height: 300 });
    expect(page.lines).toHaveLength(2);
    expect(page.text).toMatch(/Invoice No\. INV-1042\s+Total \$1,234\.56/);
    const invoice = findWord(page, "INV-1042");
    const total = findWord(page, "$1,234.56");
    expect(invoice?.confidence).toBeGreaterThan(0.6);
    expect(invoice?.confidence).toBeLessThanOrEqual(1);
    // Baseline 100 at 30 px: the glyphs span roughly y 78..100 (the "$" reaches lower).
    expect(invoice?.bbox.y0).toBeGreaterThan(70);
    expect(invoice?.bbox.y1).toBeLessThan(110);
    expect(invoice?.bbox.x0).toBeGreaterThan(200);
    expect(total?.bbox.y0).toBeGreaterThan(190);
    expect(total?.bbox.y1).toBeLessThan(232);
    expect(total?.bbox.x0).toBeGreaterThan(100);
    expect(page.lines[0]?.bbox).toMatchObject({ x0: expect.any(Number) as number });
    expect(page.lines[0]?.bbox.x0).toBeLessThan(50);
  });

  it("rejects at once when the signal aborts, and the pool keeps serving", async () => {
    const controller = new AbortController();
    const pending = engine.recognize(png, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: Code.Canceled });
    const timedOut = AbortSignal.abort(new DOMException("late", "TimeoutError"));
    await expect(engine.recognize(png, timedOut)).rejects.toMatchObject({ code: Code.DeadlineExceeded });
    const page = await engine.recognize(png);
    expect(findWord(page, "INV-1042")).toBeDefined();
  });

  it("rejects input that is not a PNG with InvalidArgument", async () => {
    await expect(engine.recognize(Buffer.from("GIF89a not a png"))).rejects.toSatisfy(
      (e: unknown) => e instanceof ConnectError && e.code === Code.InvalidArgument,
    );
  });

  it("rejects with Unavailable after close", async () => {
    const closed = createTesseractJsEngine({ workers: 1 });
    await closed.close();
    await expect(closed.recognize(png)).rejects.toMatchObject({ code: Code.Unavailable });
  });
});
