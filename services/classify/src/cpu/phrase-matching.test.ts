import { describe, expect, it } from "vitest";
import { boundedEditDistance, containsFuzzy, countExact, editBudget, flattenText } from "./phrase-matching.js";

describe("phrase matching", () => {
  it("flattens case, punctuation and typographic dashes", () => {
    expect(flattenText("Form W‑2 — Employee’s  WAGES, tips")).toBe(" form w 2 employee s wages tips ");
    expect(flattenText("Invoice #12 2 @ 4.49")).toBe(" invoice # 12 2 @ 4 49 ");
  });

  it("counts word-aligned occurrences only", () => {
    const flat = flattenText("Rents and royalties. Parents pay rents.");
    expect(countExact(flat, "rents")).toBe(2);
  });

  it("computes bounded edit distances", () => {
    expect(boundedEditDistance("statement", "staternent", 2)).toBe(2);
    expect(boundedEditDistance("kitten", "sitting", 3)).toBe(3);
    expect(boundedEditDistance("kitten", "sitting", 2)).toBe(3);
    expect(boundedEditDistance("", "abc", 5)).toBe(3);
    expect(boundedEditDistance("same", "same", 0)).toBe(0);
  });

  it("matches OCR-garbled, merged and split words within the budget", () => {
    const words = (text: string) => flattenText(text).trim().split(" ");
    expect(containsFuzzy(words("Forrn W-2 Wage and Tax Staternent"), "wage and tax statement")).toBe(true);
    expect(containsFuzzy(words("WageandTax Statement"), "wage and tax statement")).toBe(true);
    expect(containsFuzzy(words("Mortgage Inter est Statement"), "mortgage interest statement")).toBe(true);
    expect(containsFuzzy(words("Employee compensation"), "nonemployee compensation")).toBe(false);
    expect(editBudget("rents")).toBe(0);
    expect(containsFuzzy(words("cents"), "rents")).toBe(false);
  });
});
