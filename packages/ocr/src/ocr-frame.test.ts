import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { type OcrFrame, toOcrPoint, toOriginalPixels, toOriginalPoint } from "./ocr-frame.js";

/** Centroid (pixel centres) of the dark pixels of a raw greyscale image. */
function darkCentroid(data: Buffer, width: number, height: number, channels: number): { x: number; y: number } {
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((data[(y * width + x) * channels] as number) < 128) {
        sx += x + 0.5;
        sy += y + 0.5;
        n += 1;
      }
    }
  }
  return { x: sx / n, y: sy / n };
}

describe("OcrFrame mapping", () => {
  it("divides by the scale when the page was not turned", () => {
    const frame: OcrFrame = { originalWidth: 400, originalHeight: 500, scale: 2 };
    expect(toOriginalPixels({ x0: 81, y0: 100, x1: 199, y1: 141 }, frame)).toEqual({ xMin: 40, yMin: 50, xMax: 100, yMax: 71 });
    expect(toOriginalPixels({ x0: -10, y0: 0, x1: 5000, y1: 10 }, frame)).toEqual({ xMin: 0, yMin: 0, xMax: 400, yMax: 5 });
    expect(toOriginalPoint({ x: 30, y: 8 }, frame)).toEqual({ x: 15, y: 4 });
    expect(toOcrPoint({ x: 15, y: 4 }, frame)).toEqual({ x: 30, y: 8 });
  });

  it("follows sharp's resize + rotate: a dot lands where toOcrPoint says and maps back", async () => {
    const width = 300;
    const height = 200;
    const pixels = Buffer.alloc(width * height, 255);
    for (let y = 60; y < 66; y++) pixels.fill(0, y * width + 230, y * width + 236); // dot centred at (233, 63)
    for (const degrees of [1.7, -2.4]) {
      const scaled = await sharp(pixels, { raw: { width, height, channels: 1 } })
        .resize(width * 2, height * 2, { kernel: "lanczos3" })
        .toColourspace("b-w")
        .raw()
        .toBuffer();
      const { data, info } = await sharp(scaled, { raw: { width: width * 2, height: height * 2, channels: 1 } })
        .rotate(degrees, { background: "#ffffff" })
        .toColourspace("b-w")
        .raw()
        .toBuffer({ resolveWithObject: true });
      const frame: OcrFrame = { originalWidth: width, originalHeight: height, scale: 2, rotationDeg: degrees, ocrWidth: info.width, ocrHeight: info.height };
      const found = darkCentroid(data, info.width, info.height, info.channels);
      const predicted = toOcrPoint({ x: 233, y: 63 }, frame);
      expect(Math.hypot(found.x - predicted.x, found.y - predicted.y)).toBeLessThan(1.5);
      const back = toOriginalPoint(found, frame);
      expect(Math.hypot(back.x - 233, back.y - 63)).toBeLessThan(0.75);
    }
  });

  it("round-trips points and returns the bounding box of a turned box's corners", () => {
    const frame: OcrFrame = { originalWidth: 1000, originalHeight: 1300, scale: 1.5, rotationDeg: -1.8, ocrWidth: 1561, ocrHeight: 1997 };
    for (const p of [{ x: 0, y: 0 }, { x: 999, y: 17 }, { x: 450.5, y: 1299 }]) {
      const back = toOriginalPoint(toOcrPoint(p, frame), frame);
      expect(back.x).toBeCloseTo(p.x, 9);
      expect(back.y).toBeCloseTo(p.y, 9);
    }
    const box = { x0: 300, y0: 400, x1: 900, y1: 430 };
    const pixels = toOriginalPixels(box, frame);
    for (const corner of [{ x: 300, y: 400 }, { x: 900, y: 400 }, { x: 300, y: 430 }, { x: 900, y: 430 }]) {
      const c = toOriginalPoint(corner, frame);
      expect(c.x).toBeGreaterThanOrEqual(pixels.xMin);
      expect(c.x).toBeLessThanOrEqual(pixels.xMax);
      expect(c.y).toBeGreaterThanOrEqual(pixels.yMin);
      expect(c.y).toBeLessThanOrEqual(pixels.yMax);
    }
    // A 600 px wide line turned by 1.8°: its box grows by about 600 × sin(1.8°) / 1.5 ≈ 12.6 px in height.
    expect(pixels.yMax - pixels.yMin).toBeGreaterThan(30 / 1.5 + 11);
    expect(pixels.yMax - pixels.yMin).toBeLessThan(30 / 1.5 + 15);
  });
});
