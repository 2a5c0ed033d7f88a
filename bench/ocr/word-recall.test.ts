import { describe, expect, it } from "vitest";
import { wordAgreement, wordsOf } from "./word-recall.js";

describe("word-recall", () => {
  it("lower-cases and strips edge punctuation, keeping $ and %", () => {
    expect(wordsOf("Total: $1,234.50\nTAX 6.25%  (Box 1)")).toEqual(["total", "$1,234.50", "tax", "6.25%", "box", "1"]);
  });

  it("counts each true word at most as often as the OCR text has it", () => {
    const result = wordAgreement("a a b c", "a b b x");
    expect(result.truthWords).toBe(4);
    expect(result.recall).toBeCloseTo(2 / 4);
    expect(result.precision).toBeCloseTo(2 / 4);
    expect(wordAgreement("", "x").recall).toBe(1);
  });
});
