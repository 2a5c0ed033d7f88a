import { describe, expect, it } from "vitest";
import { ocrSegmentation } from "./ocr-segmentation.js";

describe("ocrSegmentation", () => {
  it("reads low-resolution full pages as sparse text", () => {
    expect(ocrSegmentation({ lowResolution: true }, { width: 1060, height: 1352 })).toBe("sparse-text"); // letter
    expect(ocrSegmentation({ lowResolution: true }, { width: 1352, height: 1060 })).toBe("sparse-text"); // landscape
    expect(ocrSegmentation({ lowResolution: true }, { width: 992, height: 1403 })).toBe("sparse-text"); // A4
  });

  it("keeps single-column mode for slips, checks and pages at full resolution", () => {
    expect(ocrSegmentation({ lowResolution: true }, { width: 395, height: 760 })).toBe("single-column"); // receipt
    expect(ocrSegmentation({ lowResolution: true }, { width: 728, height: 346 })).toBe("single-column"); // check
    expect(ocrSegmentation({ lowResolution: false }, { width: 1700, height: 2200 })).toBe("single-column");
    expect(ocrSegmentation({}, { width: 1700, height: 2200 })).toBe("single-column");
    expect(ocrSegmentation({ lowResolution: true }, { width: 0, height: 0 })).toBe("single-column");
  });
});
