import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { darkCentroid, MARKER_CENTER, renderFormPage, rotatePage } from "./form-page-fixture.js";
import { ocrUpscaleFactor, prepareForOcr } from "./prepare-for-ocr.js";
import type { DecodedPage } from "./types.js";

async function page(width: number, height: number, dpi: number | undefined): Promise<DecodedPage> {
  const image = await sharp({ create: { width, height, channels: 3, background: "#3366cc" } }).png().toBuffer();
  return { index: 0, width, height, dpi, image };
}

async function decoded(image: Buffer, dpi: number): Promise<DecodedPage> {
  const { width = 0, height = 0 } = await sharp(image).metadata();
  return { index: 0, width, height, dpi, image };
}

interface Size {
  width: number;
  height: number;
}

/**
 * The OcrImage contract written out: a decoded-page point, scaled, then turned by rotationDeg
 * about the scaled page's centre onto the OCR canvas with the same centre.
 */
function toOcr(point: { x: number; y: number }, pageSize: Size, ocrSize: Size, scale: number, rotationDeg: number): { x: number; y: number } {
  const r = (rotationDeg * Math.PI) / 180;
  const dx = point.x * scale - (pageSize.width * scale) / 2;
  const dy = point.y * scale - (pageSize.height * scale) / 2;
  return { x: ocrSize.width / 2 + dx * Math.cos(r) - dy * Math.sin(r), y: ocrSize.height / 2 + dx * Math.sin(r) + dy * Math.cos(r) };
}

let form: Buffer;

beforeAll(async () => {
  form = await renderFormPage();
});

describe("prepareForOcr", () => {
  it("keeps a level 200 DPI page at its size as plain greyscale", async () => {
    const input = await page(1700, 2200, 200);
    const out = await prepareForOcr(input);
    expect(out).toMatchObject({ width: 1700, height: 2200, scale: 1, rotationDeg: 0, lowResolution: false });
    const metadata = await sharp(out.png).metadata();
    expect([metadata.width, metadata.height, metadata.channels]).toEqual([1700, 2200, 1]);
    const level = await prepareForOcr(await decoded(form, 200));
    const expected = await sharp(form).flatten({ background: "#ffffff" }).grayscale().raw().toBuffer();
    expect((await sharp(level.png).toColourspace("b-w").raw().toBuffer()).equals(expected)).toBe(true);
    expect(level.rotationDeg).toBe(0);
  });

  it("upscales a 100 DPI page to 200 DPI and reports the scale", async () => {
    const out = await prepareForOcr(await page(850, 1100, 100));
    expect(out).toMatchObject({ width: 1700, height: 2200, scale: 2, rotationDeg: 0, lowResolution: true });
    expect((await sharp(out.png).metadata()).width).toBe(1700);
  });

  it("straightens a tilted page onto a grown canvas, centred, so points map back", async () => {
    const turned = await rotatePage(form, 1.5);
    const input = await decoded(turned.png, 200);
    const out = await prepareForOcr(input);
    expect(out.lowResolution).toBe(false);
    expect(out.scale).toBe(1);
    expect(Math.abs(out.rotationDeg + 1.5)).toBeLessThanOrEqual(0.3);
    expect(out.width).toBeGreaterThan(input.width);
    expect(out.height).toBeGreaterThan(input.height);
    // The marker, found in the tilted input, must sit where the contract puts it in the OCR image.
    const around = (p: { x: number; y: number }) => ({ left: Math.round(p.x) - 40, top: Math.round(p.y) - 40, width: 80, height: 80 });
    const r = (1.5 * Math.PI) / 180;
    const seen = {
      x: turned.width / 2 + (MARKER_CENTER.x - 1275 / 2) * Math.cos(r) - (MARKER_CENTER.y - 1650 / 2) * Math.sin(r),
      y: turned.height / 2 + (MARKER_CENTER.x - 1275 / 2) * Math.sin(r) + (MARKER_CENTER.y - 1650 / 2) * Math.cos(r),
    };
    const inInput = await darkCentroid(turned.png, around(seen));
    const predicted = toOcr(inInput, input, out, out.scale, out.rotationDeg);
    const inOcr = await darkCentroid(out.png, around(predicted));
    expect(Math.hypot(inOcr.x - predicted.x, inOcr.y - predicted.y)).toBeLessThan(1.5);
  });

  it("restores a low-resolution tilted scan: upscaled, straightened, form rules removed", async () => {
    const turned = await rotatePage(form, -1.2);
    const small = await sharp(turned.png)
      .resize({ width: Math.round((turned.width * 2) / 3) })
      .jpeg({ quality: 70 })
      .withMetadata({ density: 100 })
      .toBuffer();
    const input = await decoded(small, 100);
    const out = await prepareForOcr(input);
    expect(out.lowResolution).toBe(true);
    expect(out.scale).toBeCloseTo(2, 2);
    expect(Math.abs(out.rotationDeg - 1.2)).toBeLessThanOrEqual(0.3);
    // Points of the level form page: a spot on the top rule of the first box, and the marker.
    const formToInput = (x: number, y: number): { x: number; y: number } => {
      const dx = x - 1275 / 2;
      const dy = y - 1650 / 2;
      const r = (-1.2 * Math.PI) / 180;
      const f = input.width / turned.width;
      return { x: (turned.width / 2 + dx * Math.cos(r) - dy * Math.sin(r)) * f, y: (turned.height / 2 + dx * Math.sin(r) + dy * Math.cos(r)) * f };
    };
    const { data, info } = await sharp(out.png).toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
    const pixel = (p: { x: number; y: number }): number => data[Math.round(p.y) * info.width + Math.round(p.x)] as number;
    const rule = toOcr(formToInput(400, 261), input, out, out.scale, out.rotationDeg);
    const marker = toOcr(formToInput(MARKER_CENTER.x, MARKER_CENTER.y), input, out, out.scale, out.rotationDeg);
    expect(pixel(rule)).toBeGreaterThan(200);
    expect(pixel(marker)).toBeLessThan(100);
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
