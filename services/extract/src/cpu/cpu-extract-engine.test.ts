import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { PageStatus, PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { LayoutCategory, NormalizedBoxSchema } from "@docproc/gen/docproc/v1/layout_pb.js";
import type { PageHandle } from "@docproc/ingest";
import type { OcrEngine, OcrLine, OcrPage, RecognizeOptions } from "@docproc/ocr";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createCpuExtractEngine } from "./cpu-extract-engine.js";

/** A word line at fractions of the OCR image, so the fake works at any scale. */
function line(text: string, fx: number, fy: number, width: number, height: number): OcrLine {
  const x0 = Math.round(fx * width);
  const y0 = Math.round(fy * height);
  const fontPx = Math.round(0.02 * height);
  let cursor = x0;
  const words = text.split(" ").map((w) => {
    const bbox = { x0: cursor, y0, x1: cursor + Math.round(0.55 * fontPx * w.length), y1: y0 + Math.round(0.72 * fontPx) };
    cursor = bbox.x1 + Math.round(0.55 * fontPx);
    return { text: w, confidence: 0.9, bbox };
  });
  return { text, confidence: 0.9, bbox: { x0, y0, x1: cursor, y1: y0 + Math.round(0.72 * fontPx) }, words };
}

/** An OCR engine that "reads" two lines placed relative to the image it is given. */
function fakeOcr(
  overrides: Partial<OcrEngine> = {},
): OcrEngine & { seen: Array<{ width: number; height: number }>; options: Array<RecognizeOptions | undefined>; active: number; peak: number } {
  const engine = {
    id: "fake-ocr",
    workers: 2,
    seen: [] as Array<{ width: number; height: number }>,
    options: [] as Array<RecognizeOptions | undefined>,
    active: 0,
    peak: 0,
    async recognize(png: Buffer, signal?: AbortSignal, options?: RecognizeOptions): Promise<OcrPage> {
      const { width = 0, height = 0 } = await sharp(png).metadata();
      engine.seen.push({ width, height });
      engine.options.push(options);
      engine.active += 1;
      engine.peak = Math.max(engine.peak, engine.active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      engine.active -= 1;
      if (signal?.aborted) throw new ConnectError("OCR canceled", Code.Canceled);
      const lines = [line("Invoice No. INV-1042", 0.1, 0.1, width, height), line("Total $1,234.56", 0.1, 0.5, width, height)];
      return { width, height, lines, text: lines.map((l) => l.text).join("\n") };
    },
    warmup: async () => {},
    close: async () => {},
    ...overrides,
  };
  return engine;
}

async function pageHandle(index: number, options: { dpi?: number; fail?: boolean; width?: number; height?: number } = {}): Promise<PageHandle> {
  const width = options.width ?? 400;
  const height = options.height ?? 500;
  const image = await sharp({ create: { width, height, channels: 3, background: "#fff" } }).png().toBuffer();
  return {
    index,
    sourceIndex: 0,
    format: "png",
    async decode() {
      if (options.fail) throw new ConnectError("image is truncated", Code.InvalidArgument);
      return { index, width, height, dpi: options.dpi ?? 200, image };
    },
  };
}

const live = (): AbortSignal => new AbortController().signal;

describe("createCpuExtractEngine", () => {
  it("reads pages into layout elements in original page pixels with markdown", async () => {
    const ocr = fakeOcr();
    const engine = createCpuExtractEngine({ ocr });
    expect(engine.kind).toBe("cpu");
    expect(engine.modelId).toBe("cpu:fake-ocr");
    const pages = await engine.readPages({ pages: [await pageHandle(3, { dpi: 100 })], promptMode: PromptMode.UNSPECIFIED }, live());
    // 100 DPI is upscaled x2 for OCR; boxes come back in the 400x500 page's pixels.
    expect(ocr.seen).toEqual([{ width: 800, height: 1000 }]);
    const [page] = pages;
    expect(page).toMatchObject({ pageIndex: 3, status: PageStatus.OK, error: "", width: 400, height: 500, finishReason: "", attempts: 1 });
    expect(page?.elements.map((e) => [e.category, e.text])).toEqual([
      [LayoutCategory.TEXT, "Invoice No. INV-1042"],
      [LayoutCategory.TEXT, "Total $1,234.56"],
    ]);
    expect(page?.elements[0]?.pixelBox).toMatchObject({ xMin: 40, yMin: 50 });
    expect(page?.elements[1]?.box?.yMin).toBeCloseTo(0.5, 2);
    expect(page?.markdown).toBe("Invoice No. INV-1042\n\nTotal $1,234.56");
  });

  it("asks for sparse-text segmentation only for low-resolution full pages", async () => {
    const ocr = fakeOcr();
    const engine = createCpuExtractEngine({ ocr, pageConcurrency: 1 });
    const pages = [
      await pageHandle(0, { dpi: 100 }), // letter-shaped, 100 DPI
      await pageHandle(1, { dpi: 100, width: 200, height: 400 }), // a receipt slip
      await pageHandle(2, { dpi: 200 }),
    ];
    await engine.readPages({ pages, promptMode: PromptMode.LAYOUT_ALL }, live());
    expect(ocr.options.map((o) => o?.segmentation)).toEqual(["sparse-text", "single-column", "single-column"]);
  });

  it("answers the OCR, layout-only and grounding modes", async () => {
    const engine = createCpuExtractEngine({ ocr: fakeOcr() });
    const [ocrPage] = await engine.readPages({ pages: [await pageHandle(0)], promptMode: PromptMode.OCR }, live());
    expect(ocrPage?.elements.map((e) => e.text)).toEqual(["Invoice No. INV-1042\nTotal $1,234.56"]);
    expect(ocrPage?.markdown).toBe("Invoice No. INV-1042\nTotal $1,234.56");

    const [layoutOnly] = await engine.readPages({ pages: [await pageHandle(0)], promptMode: PromptMode.LAYOUT_ONLY }, live());
    expect(layoutOnly?.elements).toHaveLength(2);
    expect(layoutOnly?.elements.every((e) => e.text === "" && e.pixelBox !== undefined)).toBe(true);
    expect(layoutOnly?.markdown).toBe("");

    const groundingBox = create(NormalizedBoxSchema, { xMin: 0, yMin: 0.4, xMax: 1, yMax: 0.7 });
    const [grounded] = await engine.readPages({ pages: [await pageHandle(0)], promptMode: PromptMode.GROUNDING_OCR, groundingBox }, live());
    expect(grounded?.elements.map((e) => e.text)).toEqual(["Total $1,234.56"]);
    expect(grounded?.elements[0]?.pixelBox).toMatchObject({ xMin: 0, yMin: 200, xMax: 400, yMax: 350 });

    await expect(engine.readPages({ pages: [await pageHandle(0)], promptMode: PromptMode.GROUNDING_OCR }, live())).rejects.toMatchObject({
      code: Code.InvalidArgument,
    });
  });

  it("reports a page that cannot be decoded or read as FAILED and keeps the others", async () => {
    let calls = 0;
    const ocr = fakeOcr();
    const flaky = fakeOcr({
      recognize: (png, signal) => (++calls === 2 ? Promise.reject(new ConnectError("OCR worker stopped unexpectedly", Code.Internal)) : ocr.recognize(png, signal)),
    });
    const engine = createCpuExtractEngine({ ocr: flaky, pageConcurrency: 1 });
    const pages = await engine.readPages(
      { pages: [await pageHandle(0), await pageHandle(1, { fail: true }), await pageHandle(2), await pageHandle(3)], promptMode: PromptMode.LAYOUT_ALL },
      live(),
    );
    expect(pages.map((p) => [p.pageIndex, p.status, p.error, p.attempts])).toEqual([
      [0, PageStatus.OK, "", 1],
      [1, PageStatus.FAILED, "page could not be decoded: image is truncated", 0],
      [2, PageStatus.FAILED, "OCR failed: OCR worker stopped unexpectedly", 1],
      [3, PageStatus.OK, "", 1],
    ]);
    expect(pages[2]).toMatchObject({ width: 400, height: 500, elements: [] });
  });

  it("bounds pages in flight and throws the caller's abort", async () => {
    const ocr = fakeOcr();
    const engine = createCpuExtractEngine({ ocr, pageConcurrency: 2 });
    const handles = await Promise.all([0, 1, 2, 3, 4].map((i) => pageHandle(i)));
    await engine.readPages({ pages: handles, promptMode: PromptMode.LAYOUT_ALL }, live());
    expect(ocr.peak).toBeGreaterThan(0);
    expect(ocr.peak).toBeLessThanOrEqual(2);

    const controller = new AbortController();
    const pending = engine.readPages({ pages: handles, promptMode: PromptMode.LAYOUT_ALL }, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: Code.Canceled });
    await expect(engine.readPages({ pages: handles, promptMode: PromptMode.LAYOUT_ALL }, AbortSignal.abort())).rejects.toMatchObject({
      code: Code.Canceled,
    });
  });

  it("is ready once the OCR pool has warmed up, retrying a failed warm-up", async () => {
    let release: () => void = () => {};
    let attempts = 0;
    const ocr = fakeOcr({
      warmup: () => {
        attempts += 1;
        return attempts === 1 ? Promise.reject(new Error("no workers")) : new Promise<void>((resolve) => (release = resolve));
      },
    });
    let closed = false;
    ocr.close = async () => {
      closed = true;
    };
    const engine = createCpuExtractEngine({ ocr });
    await new Promise((resolve) => setImmediate(resolve));
    await expect(engine.ready()).resolves.toBe(false);
    expect(attempts).toBe(2);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    await expect(engine.ready()).resolves.toBe(true);
    await engine.close();
    expect(closed).toBe(true);
  });
});
