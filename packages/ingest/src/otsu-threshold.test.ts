import { describe, expect, it } from "vitest";
import { otsuThreshold } from "./otsu-threshold.js";

describe("otsuThreshold", () => {
  it("splits ink from paper between the two modes", () => {
    const pixels = new Uint8Array(1000);
    for (let i = 0; i < pixels.length; i++) pixels[i] = i % 10 === 0 ? 30 + (i % 7) : 230 + (i % 11);
    const threshold = otsuThreshold(pixels);
    expect(threshold).toBeGreaterThan(36);
    expect(threshold).toBeLessThanOrEqual(230);
    expect(pixels.filter((p) => p < threshold)).toHaveLength(100);
  });

  it("puts every pixel of a two-level image on its own side", () => {
    const pixels = Uint8Array.from([0, 0, 0, 255, 255, 255, 255]);
    const threshold = otsuThreshold(pixels);
    expect(pixels.filter((p) => p < threshold)).toHaveLength(3);
  });
});
