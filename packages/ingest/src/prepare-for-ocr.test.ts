import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ocrUpscaleFactor, prepareForOcr } from "./prepare-for-ocr.js";
import type { DecodedPage } from "./types.js";

async function page(width: number, height: number, dpi: number | undefined): Promise<DecodedPage> {
  const image = await sharp({ create: { width, height, channels: 3, background: "#3366cc" } }).png().toBuffer();
  return { index: 0, width, height, dpi, image };
}

describe("prepareForOcr", () => {
  it("keeps a 200 DPI page at its size, in greyscale", async () => {
    const out = await prepareForOcr(await page(1700, 2200, 200));
    expect([out.width, out.height, out.scale]).toEqual([1700, 2200, 1]);
    const metadata = await sharp(out.png).metadata();
    expect([metadata.width, metadata.height, metadata.channels]).toEqual([1700, 2200, 1]);
  });

  it("upscales a 100 DPI page to 200 DPI and reports the scale", async () => {
    const out = await prepareForOcr(await page(850, 1100, 100));
    expect([out.width, out.height, out.scale]).toEqual([1700, 2200, 2]);
    expect((await sharp(out.png).metadata()).width).toBe(1700);
  });

  it("guesses from the width when the DPI is unknown or a placeholder", () => {
    expect(ocrUpscaleFactor({ width: 880, height: 1124, dpi: undefined })).toBeCloseTo(1700 / 880);
    expect(ocrUpscaleFactor({ width: 880, height: 1124, dpi: 72 })).toBeCloseTo(1700 / 880);
    expect(ocrUpscaleFactor({ width: 1700, height: 2200, dpi: 72 })).toBe(1);
    expect(ocrUpscaleFactor({ width: 625, height: 1150, dpi: undefined })).toBe(1); // receipt: not letter-shaped
    expect(ocrUpscaleFactor({ width: 1060, height: 1352, dpi: 120 })).toBeCloseTo(200 / 120);
    expect(ocrUpscaleFactor({ width: 300, height: 400, dpi: 25 })).toBe(4); // capped
  });
});
