import { PageStatus, PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { PageHandle } from "@docproc/ingest";
import { createTesseractJsEngine } from "@docproc/ocr";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { createCpuExtractEngine } from "./cpu-extract-engine.js";

const ocr = createTesseractJsEngine({ workers: 1 });

afterAll(async () => {
  await ocr.close();
});

/** A 2-line page (DejaVu Sans, 30 px) rendered by sharp, as an ingest page handle. */
async function renderedPage(): Promise<PageHandle> {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="300"><rect width="100%" height="100%" fill="#fff"/>` +
    `<text x="40" y="100" font-family="DejaVu Sans" font-size="30">Invoice No. INV-1042</text>` +
    `<text x="40" y="220" font-family="DejaVu Sans" font-size="30">Total $1,234.56</text></svg>`;
  const image = await sharp(Buffer.from(svg)).png().toBuffer();
  return { index: 0, sourceIndex: 0, format: "png", decode: async () => ({ index: 0, width: 800, height: 300, dpi: 200, image }) };
}

describe("createCpuExtractEngine with tesseract.js", () => {
  it("reads a rendered page into text elements where the lines are", async () => {
    const engine = createCpuExtractEngine({ ocr });
    expect(engine.modelId).toBe("cpu:tesseract.js-7");
    const [page] = await engine.readPages({ pages: [await renderedPage()], promptMode: PromptMode.LAYOUT_ALL }, new AbortController().signal);
    expect(page).toMatchObject({ status: PageStatus.OK, width: 800, height: 300, attempts: 1 });
    expect(page?.elements.map((e) => e.text)).toEqual(["Invoice No. INV-1042", "Total $1,234.56"]);
    const [invoice, total] = page?.elements ?? [];
    expect(invoice?.pixelBox?.yMin).toBeGreaterThan(70);
    expect(invoice?.pixelBox?.yMax).toBeLessThan(112);
    expect(total?.pixelBox?.yMin).toBeGreaterThan(190);
    expect(invoice?.confidence).toBeGreaterThan(0.6);
    // The engine's own warm-up job was queued behind the page; one more warm-up runs after it.
    await ocr.warmup();
    await expect(engine.ready()).resolves.toBe(true);
  });
});
