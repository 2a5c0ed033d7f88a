import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { prepareForClassifier } from "./prepare-for-classifier.js";
import type { DecodedPage } from "./types.js";

async function page(width: number, height: number): Promise<DecodedPage> {
  const image = await sharp({ create: { width, height, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0.5 } } }).png().toBuffer();
  return { index: 0, width, height, dpi: undefined, image };
}

describe("prepareForClassifier", () => {
  it("downscales a Letter page to about 1 MP with sides that are multiples of 28", async () => {
    const out = await prepareForClassifier(await page(1700, 2200));
    expect([out.width, out.height]).toEqual([868, 1120]);
    const metadata = await sharp(out.png).metadata();
    expect([metadata.width, metadata.height, metadata.channels]).toEqual([868, 1120, 3]);
  });

  it("honours maxPixels and never enlarges a small page beyond its smart_resize frame", async () => {
    const smaller = await prepareForClassifier(await page(1700, 2200), { maxPixels: 250_000 });
    expect(smaller.width * smaller.height).toBeLessThanOrEqual(250_000);
    expect(smaller.width % 28 + (smaller.height % 28)).toBe(0);
    const tiny = await prepareForClassifier(await page(300, 200));
    expect([tiny.width, tiny.height]).toEqual([308, 196]);
  });
});
