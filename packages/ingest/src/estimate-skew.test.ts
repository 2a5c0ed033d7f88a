import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { estimateSkew, skewOfGrey } from "./estimate-skew.js";
import { renderFormPage, rotatePage } from "./form-page-fixture.js";

let page: Buffer;

beforeAll(async () => {
  page = await renderFormPage();
});

describe("estimateSkew", () => {
  it.each([1.5, -0.8, 0.4, -2.3, 4.2])("finds a %s° turn within 0.3°", async (degrees) => {
    const turned = await rotatePage(page, degrees);
    const estimate = await estimateSkew(turned.png);
    expect(Math.abs(estimate.degrees - degrees)).toBeLessThanOrEqual(0.3);
    expect(estimate.contrast).toBeGreaterThan(1.1);
  });

  it("finds a turn of a low-resolution, noisy JPEG copy", async () => {
    const turned = await rotatePage(page, -1.7);
    const small = await sharp(turned.png).resize({ width: Math.round(turned.width * 0.6) }).blur(0.8).jpeg({ quality: 50 }).toBuffer();
    const estimate = await estimateSkew(small);
    expect(Math.abs(estimate.degrees + 1.7)).toBeLessThanOrEqual(0.3);
  });

  it("reports a level page as 0°", async () => {
    await expect(estimateSkew(page)).resolves.toEqual({ degrees: 0, contrast: 1 });
  });

  it("reports 0° with no contrast for pages without text lines", async () => {
    const blank = await sharp({ create: { width: 600, height: 800, channels: 3, background: "#ffffff" } }).png().toBuffer();
    await expect(estimateSkew(blank)).resolves.toEqual({ degrees: 0, contrast: 1 });
    // Uniform noise has ink everywhere and no rows: whatever angle wins, it is barely better than level.
    const noise = new Uint8Array(400 * 300);
    let seed = 7;
    for (let i = 0; i < noise.length; i++) {
      // mulberry32: a small PRNG without the diagonal patterns of a plain LCG's low bits.
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      noise[i] = ((t ^ (t >>> 14)) >>> 0) % 256;
    }
    expect(skewOfGrey(noise, 400, 300).contrast).toBeLessThan(1.1);
  });

  it("handles light text on a dark page (the ink is the minority class)", async () => {
    const turned = await rotatePage(page, 1.2);
    const inverted = await sharp(turned.png).negate().png().toBuffer();
    const estimate = await estimateSkew(inverted);
    expect(Math.abs(estimate.degrees - 1.2)).toBeLessThanOrEqual(0.3);
  });
});
