import { describe, expect, it } from "vitest";
import { sharpenGrey } from "./sharpen-grey.js";

describe("sharpenGrey", () => {
  it("steepens an edge, caps the overshoot and leaves flat areas alone", async () => {
    const width = 40;
    const height = 8;
    const pixels = new Uint8Array(width * height);
    // A soft edge from paper (240) to ink (40) across x = 16..23.
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) pixels[y * width + x] = x < 16 ? 240 : x >= 24 ? 40 : 240 - (x - 15) * 25;
    }
    const out = await sharpenGrey(pixels, width, height, 2);
    const row = (y: number): number[] => Array.from(out.subarray(y * width, (y + 1) * width));
    const middle = row(4);
    expect(middle[2]).toBe(240); // far from the edge
    expect(middle[37]).toBe(40);
    expect(middle[15]).toBeGreaterThan(240); // lightened before the edge...
    expect(middle[15]).toBeLessThanOrEqual(240 + 25); // ...at most 25 levels
    expect(middle[24]).toBeLessThan(40); // darkened after it
    expect(middle[24]).toBeGreaterThanOrEqual(0);
    expect((middle[17] as number) - (middle[22] as number)).toBeGreaterThan(pixels[4 * width + 17]! - pixels[4 * width + 22]!);
    expect(out).toHaveLength(pixels.length);
  });
});
