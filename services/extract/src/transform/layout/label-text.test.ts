import { describe, expect, it } from "vitest";
import { editDistance, labelTokens, matchPhrase, tokenize, wordMatch } from "./label-text.js";

describe("tokenize", () => {
  it("normalizes words with offsets", () => {
    const t = tokenize("c Employer's name, U.S. & ZIP");
    expect(t.map((x) => x.norm)).toEqual(["c", "employers", "name", "us", "and", "zip"]);
    expect(t[1]).toMatchObject({ start: 2, end: 12, upper: false, stop: false });
    expect(t[4]).toMatchObject({ stop: true });
    expect(t[5]).toMatchObject({ upper: true });
  });

  it("drops stop words from label phrases", () => {
    expect(labelTokens("Interest on U.S. Savings Bonds and Treasury obligations")).toEqual(["interest", "us", "savings", "bonds", "treasury", "obligations"]);
  });
});

describe("wordMatch", () => {
  it("scores exact, plural, abbreviated and OCR-damaged words", () => {
    expect(wordMatch("wages", "wages")).toBe(1);
    expect(wordMatch("dividend", "dividends")).toBe(0.95);
    expect(wordMatch("comp", "compensation")).toBe(0.85);
    expect(wordMatch("distr", "distributions")).toBe(0.85);
    expect(wordMatch("lumber", "number")).toBe(0.8);
    expect(wordMatch("medlcare", "medicare")).toBe(0.8);
    expect(wordMatch("rtn", "tin")).toBe(0);
    expect(wordMatch("12", "2")).toBe(0);
    expect(wordMatch("cash", "noncash")).toBe(0);
  });

  it("computes bounded edit distances", () => {
    expect(editDistance("kitten", "sitting", 3)).toBe(3);
    expect(editDistance("abc", "abcdef", 1)).toBe(2);
  });
});

describe("matchPhrase", () => {
  const words = (s: string) => tokenize(s);

  it("finds a phrase with a stray word and a missing word", () => {
    const m = matchPhrase(words("1 Wages, tips & other comp. $ 75,000"), labelTokens("wages tips other compensation"));
    expect(m).toMatchObject({ first: 1, last: 5, coverage: 1 });
    const phrase = labelTokens("employee contributions designated roth contributions or insurance premiums");
    expect(matchPhrase(words("Employee contributions Roth contributions or insurance premiums"), phrase)?.coverage).toBeCloseTo(6 / 7);
    expect(matchPhrase(words("Employee contributions or insurance premiums"), phrase)).toBeUndefined();
  });

  it("requires short phrases completely and longer ones mostly", () => {
    expect(matchPhrase(words("16 State wages, tips, etc."), labelTokens("wages tips other compensation"))).toBeUndefined();
    expect(matchPhrase(words("Bond premium"), labelTokens("bond premium"))).toBeDefined();
    expect(matchPhrase(words("Bond"), labelTokens("bond premium"))).toBeUndefined();
    expect(matchPhrase(words("Taxable"), labelTokens("taxable amount"), true)).toBeDefined();
  });
});
