import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { roundHalfEven, smartResize } from "./smart-resize.js";

describe("smartResize", () => {
  it.each([
    // [width, height] -> [width, height]
    [1700, 2200, 1708, 2212],
    [1200, 550, 1204, 560],
    [625, 1150, 616, 1148],
    [880, 1124, 868, 1120],
    [28, 28, 56, 56], // below min_pixels (3136): scaled up with ceil
  ])("%ix%i -> %ix%i", (width, height, outWidth, outHeight) => {
    expect(smartResize(height, width)).toEqual({ height: outHeight, width: outWidth });
  });

  it("uses banker's rounding at exact .5 like Python round()", () => {
    // 70/28 = 2.5 -> 2 (Math.round would give 3); 98/28 = 3.5 -> 4; 14/28 = 0.5 -> 0 -> min 28.
    expect(smartResize(70, 1000)).toEqual({ height: 56, width: 1008 });
    expect(smartResize(98, 1000)).toEqual({ height: 112, width: 1008 });
    expect(smartResize(14, 2800).height).toBe(28);
    expect([0.5, 1.5, 2.5, 3.5, -1.5, 2.4999, 2.5001].map(roundHalfEven)).toEqual([0, 2, 2, 4, -2, 2, 3]);
  });

  it("shrinks with floor above max_pixels", () => {
    const { height, width } = smartResize(6600, 5100);
    expect(height % 28).toBe(0);
    expect(width % 28).toBe(0);
    expect(height * width).toBeLessThanOrEqual(11_289_600);
    expect({ height, width }).toEqual({ height: 3808, width: 2940 });
  });

  it("honours custom maxPixels", () => {
    const { height, width } = smartResize(2200, 1700, { maxPixels: 1_003_520 });
    expect(height * width).toBeLessThanOrEqual(1_003_520);
    expect({ height, width }).toEqual({ height: 1120, width: 868 });
  });

  it("rejects aspect ratios above 200 and empty sizes with InvalidArgument", () => {
    for (const [h, w] of [[10, 2010], [0, 100], [Number.NaN, 5]] as const) {
      try {
        smartResize(h, w);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ConnectError);
        expect((error as ConnectError).code).toBe(Code.InvalidArgument);
      }
    }
    expect(() => smartResize(10, 2000)).not.toThrow();
  });
});
