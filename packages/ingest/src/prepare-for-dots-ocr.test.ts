import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { prepareForDotsOcr } from "./prepare-for-dots-ocr.js";
import type { DecodedPage } from "./types.js";

async function page(image: Buffer): Promise<DecodedPage> {
  const { width, height } = await sharp(image).metadata();
  return { index: 0, width, height, dpi: undefined, image };
}

describe("prepareForDotsOcr", () => {
  it("turns a 1700x2200 greyscale PNG into a 1708x2212 RGB PNG", async () => {
    const grey = await sharp({ create: { width: 1700, height: 2200, channels: 3, background: "#777777" } }).toColourspace("b-w").png().toBuffer();
    expect((await sharp(grey).metadata()).channels).toBe(1);
    const out = await prepareForDotsOcr(await page(grey));
    expect([out.width, out.height, out.originalWidth, out.originalHeight]).toEqual([1708, 2212, 1700, 2200]);
    const metadata = await sharp(out.png).metadata();
    expect([metadata.format, metadata.width, metadata.height, metadata.channels, metadata.hasAlpha]).toEqual(["png", 1708, 2212, 3, false]);
  });

  it("flattens transparency onto white", async () => {
    const transparent = await sharp({ create: { width: 280, height: 280, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const out = await prepareForDotsOcr(await page(transparent));
    expect([out.width, out.height]).toEqual([280, 280]);
    const { data, info } = await sharp(out.png).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(3);
    expect([...data.subarray(0, 3)]).toEqual([255, 255, 255]);
    expect(data.every((value) => value === 255)).toBe(true);
  });
});
