import { describe, expect, it } from "vitest";
import { pdfRenderSize } from "./pdf-render-size.js";

describe("pdfRenderSize", () => {
  it("renders Letter at 200 DPI as 1700x2200", () => {
    expect(pdfRenderSize(612, 792, 200)).toEqual({ dpi: 200, width: 1700, height: 2200 });
  });

  it("keeps 200 DPI up to 4500 px and falls back to 72 DPI beyond", () => {
    expect(pdfRenderSize(1620, 792, 200)).toEqual({ dpi: 200, width: 4500, height: 2200 });
    expect(pdfRenderSize(1621, 792, 200)).toEqual({ dpi: 72, width: 1621, height: 792 });
    expect(pdfRenderSize(2000, 3000, 200)).toEqual({ dpi: 72, width: 2000, height: 3000 });
  });

  it("honours another DPI", () => {
    expect(pdfRenderSize(612, 792, 300)).toEqual({ dpi: 300, width: 2550, height: 3300 });
  });
});
