import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isDotsOcrOutputError } from "./dots-element.js";
import { cleanDotsOcrString, dropRepeatedElements, parseDotsOcrOutput } from "./output-cleaner.js";
import { emptyReport } from "./clean-report.js";

const FIXTURES = new URL("../../test-fixtures/dotsocr/", import.meta.url);
interface FixtureInfo {
  file: string;
  elements: number;
  imperfection: { kind: "truncated" | "duplicated"; elements_after_repair: number } | null;
}
const index = JSON.parse(readFileSync(new URL("index.json", FIXTURES), "utf8")) as FixtureInfo[];

const el = (x: number, text: string, category = "Text"): string =>
  JSON.stringify({ bbox: [x, 10, x + 50, 40], category, text });

describe("parseDotsOcrOutput on corpus responses", () => {
  it.each(index.map((f) => [f.file, f] as const))("%s", (_name, info) => {
    const raw = readFileSync(new URL(info.file, FIXTURES), "utf8");
    const finish = info.imperfection?.kind === "truncated" ? "length" : "stop";
    const result = parseDotsOcrOutput(raw, finish);
    expect(result.elements).toHaveLength(info.imperfection?.elements_after_repair ?? info.elements);
    expect(result.repaired).toBe(info.imperfection !== null);
    if (info.imperfection?.kind === "truncated") {
      expect(result.report.tailTruncated).toBe(true);
      expect(result.problems).toContain("incomplete last element dropped");
    }
    if (info.imperfection?.kind === "duplicated") expect(result.report.duplicatesRemoved).toBeGreaterThan(0);
  });
});

describe("cleaner steps", () => {
  it("(a) adds a missing comma between elements but leaves LaTeX alone", () => {
    const report = emptyReport();
    const raw = `[${el(0, "a")}{"bbox": [60, 10, 90, 40], "category": "Formula", "text": "\\\\frac{a}{b}"}]`;
    const items = cleanDotsOcrString(raw, report) as Array<{ text: string }>;
    expect(report.delimitersFixed).toBe(1);
    expect(items.map((i) => i.text)).toEqual(["a", "\\frac{a}{b}"]);
  });

  it("(b) cuts the incomplete last element and closes the array", () => {
    const report = emptyReport();
    const raw = `[${el(0, "a")}, ${el(100, "b")}, {"bbox": [200, 10, 2`;
    const items = cleanDotsOcrString(raw, report);
    expect(report.tailTruncated).toBe(true);
    expect(items).toHaveLength(2);
  });

  it("(b) keeps a lone element rather than cutting everything", () => {
    const report = emptyReport();
    const items = cleanDotsOcrString(`[{"bbox": [1, 2, 30, 40], "category": "Text", "text": "Hello wor`, report);
    expect(report.tailTruncated).toBe(false);
    expect(report.salvaged).toBe("single");
    expect(items).toEqual([{ bbox: [1, 2, 30, 40], category: "Text", text: "Hello wor" }]);
  });

  it("(c) removes byte-identical elements in place, keeping ones the regex cannot match", () => {
    const report = emptyReport();
    const braces = JSON.stringify({ bbox: [300, 10, 350, 40], category: "Formula", text: "x^{2}" });
    const raw = `[${el(0, "a")}, ${braces}, ${el(0, "a")}, ${el(100, "b")}, ${el(0, "a")}]`;
    const items = cleanDotsOcrString(raw, report) as Array<{ text: string }>;
    expect(report.duplicatesRemoved).toBe(2);
    expect(items.map((i) => i.text)).toEqual(["a", "x^{2}", "b"]);
  });

  it("(d) adds missing brackets", () => {
    expect(cleanDotsOcrString(`${el(0, "a")}, ${el(100, "b")}]`)).toHaveLength(2);
    expect(cleanDotsOcrString(`[${el(0, "a")},`)).toHaveLength(1);
    // Not ending with "]" means cut off (upstream rule): the last element is dropped as incomplete.
    const report = emptyReport();
    expect(cleanDotsOcrString(`[${el(0, "a")}, ${el(100, "b")},`, report)).toHaveLength(1);
    expect(report.tailTruncated).toBe(true);
  });

  it("(e) salvages the objects that parse on their own", () => {
    const report = emptyReport();
    const raw = `[${el(0, "a")}, {"bbox": [5, 5], "category": oops}, ${el(100, "b")}]`;
    const items = cleanDotsOcrString(raw, report);
    expect(report.salvaged).toBe("dicts");
    expect(items).toHaveLength(2);
  });

  it("(e) gives up on text that holds no element", () => {
    expect(cleanDotsOcrString("I cannot read this page.")).toBeUndefined();
  });

  it("(f) drops later repeats of a (category, text) pair seen 5 times, and of a bbox seen twice", () => {
    const report = emptyReport();
    const items = [0, 1, 2, 3, 4].map((i) => ({ bbox: [i * 60, 0, i * 60 + 50, 30], category: "Text", text: "x" }));
    const four = [0, 1, 2, 3].map((i) => ({ bbox: [i * 60, 100, i * 60 + 50, 130], category: "Text", text: "y" }));
    const sameBox = [{ bbox: [0, 200, 50, 230], category: "Text", text: "p" }, { bbox: [0, 200, 50, 230], category: "Text", text: "q" }];
    const kept = dropRepeatedElements([...items, ...four, ...sameBox], report) as Array<{ text: string }>;
    expect(kept.map((k) => k.text).join("")).toBe("xyyyyp");
    expect(report.repeatsRemoved).toBe(5);
  });
});

describe("parseDotsOcrOutput", () => {
  it("accepts a clean response without repairs", () => {
    const result = parseDotsOcrOutput(`[${el(0, "a")}, {"bbox": [0, 50, 40, 90], "category": "Picture"}]`, "stop");
    expect(result.repaired).toBe(false);
    expect(result.problems).toEqual([]);
    expect(result.elements[1]).toEqual({ bbox: [0, 50, 40, 90], category: "Picture" });
  });

  it("treats an empty array as a blank page", () => {
    expect(parseDotsOcrOutput("[]", "stop")).toMatchObject({ elements: [], repaired: false });
  });

  it("flags finish_reason length even when the JSON is complete", () => {
    const result = parseDotsOcrOutput(`[${el(0, "a")}]`, "length");
    expect(result.repaired).toBe(true);
    expect(result.problems).toEqual(["output cut off at the token limit"]);
  });

  it("drops degenerate and malformed elements and says so", () => {
    const raw = JSON.stringify([
      { bbox: [0, 0, 10, 10], category: "Text", text: "ok" },
      { bbox: [10, 0, 10, 10], category: "Text", text: "zero width" },
      { bbox: [0, 0, 10], category: "Text", text: "three" },
      { bbox: [0, 20, 10, 30], text: "no category" },
      { bbox: [0, 40, 10.5, 50], category: "Text" },
      { bbox: [0, 60, 10, 70], category: "Text", text: 5 },
    ]);
    const result = parseDotsOcrOutput(raw, "stop");
    expect(result.elements).toHaveLength(1);
    expect(result.repaired).toBe(true);
    expect(result.problems).toEqual([
      "1 element(s) dropped: bbox is degenerate",
      "2 element(s) dropped: bbox is not 4 non-negative integers",
      "1 element(s) dropped: category is missing",
      "1 element(s) dropped: text is not a string",
    ]);
  });

  it("throws a dots.ocr output error when nothing is usable, without echoing the text", () => {
    expect(() => parseDotsOcrOutput("SSN 123-45-6789", "stop")).toThrow(/not a JSON array/);
    try {
      parseDotsOcrOutput(JSON.stringify([{ bbox: [5, 5, 5, 5], category: "Text", text: "123-45-6789" }]), "stop");
      expect.unreachable();
    } catch (error) {
      expect(isDotsOcrOutputError(error)).toBe(true);
      expect(String(error)).not.toContain("6789");
    }
  });
});
