import { describe, expect, it } from "vitest";
import { looksLikeAmountWords, parseAmountWords, wordsToNumber } from "./amount-words.js";

describe("parseAmountWords", () => {
  it.each([
    ["One Thousand Two Hundred Thirty-Four and 56/100", 123456n],
    ["Two Thousand Eight Hundred Ninety-Nine and 50/100 DOLLARS", 289950n],
    ["*** Eighteen Thousand Seven Hundred Forty-Six Dollars and 75 Cents ***", 1874675n],
    ["Five hundred and no/100 dollars", 50000n],
    ["Twelve and xx/100", 1200n],
    ["One Million Two Hundred Thousand Dollars and Fifty Cents", 120000050n],
    ["One Thousand and Two Hundred Dollars and Five Cents", 120005n],
    ["PAY EXACTLY Ninety-Nine Dollars", 9900n],
    ["1,250 and 00/100", 125000n],
  ])("%s", (text, cents) => {
    expect(parseAmountWords(text)).toBe(cents);
  });

  it("rejects text that is not an amount", () => {
    expect(parseAmountWords("Pay to the order of Jane Roe")).toBeUndefined();
    expect(wordsToNumber("twenty apples")).toBeUndefined();
  });

  it("recognises written amounts", () => {
    expect(looksLikeAmountWords("Eight Hundred Thirty-Seven Dollars and 13 Cents")).toBe(true);
    expect(looksLikeAmountWords("MEMO Inv 8450")).toBe(false);
  });
});
