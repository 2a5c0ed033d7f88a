import { describe, expect, it } from "vitest";
import { parseMaskedNumber } from "./masked-number.js";

const pick = (text: string) => {
  const m = parseMaskedNumber(text);
  return m && { last4: m.last4, masked: m.masked, length: m.length, truncated: m.truncatedOnDocument };
};

describe("parseMaskedNumber", () => {
  it.each([
    ["688612413019", "3019", 12],
    ["3693-1464", "1464", 8],
    ["4111 1111 1111 1111", "1111", 16],
    ["A2018130", "8130", 7],
    ["X5616723", "6723", 7],
    ["Account number 000123456789", "6789", 12],
  ])("reads the full number %s", (text, last4, length) => {
    expect(pick(text)).toEqual({ last4, masked: `****${last4}`, length, truncated: false });
  });

  it.each(["XXXXXX4821", "****4821", "•••• 4821", "ending in 4821", "Card ending with 4821", "...4821", "x4821", "XXXX-XXXX-XXXX-4821", "Acct# ****4821"])(
    "reads the truncated form %s",
    (text) => {
      expect(pick(text)).toEqual({ last4: "4821", masked: "****4821", length: 0, truncated: true });
    },
  );

  it.each(["", "N/A", "12", "none"])("returns undefined for %j", (text) => {
    expect(parseMaskedNumber(text)).toBeUndefined();
  });
});
