import { LayoutCategory } from "@docproc/gen/docproc/v1/layout_pb.js";
import { describe, expect, it } from "vitest";
import { page, table, text } from "../../../test-support/hand-layout.js";
import { createLayoutReader } from "../layout-reader.js";
import type { LabelSpec } from "./label-search.js";

const SPECS: LabelSpec[] = [
  { key: "wages", box: "1", synonyms: ["wages tips other compensation"] },
  { key: "fed", box: "2", synonyms: ["federal income tax withheld"] },
  { key: "ssWages", box: "3", synonyms: ["social security wages"] },
  { key: "ssTips", box: "7", synonyms: ["social security tips"] },
  { key: "payer", synonyms: ["payer's name street address city or town state or province country zip or foreign postal code and telephone no", "payer's name"] },
  { key: "street", synonyms: ["street address including apt no"] },
  { key: "slot", box: "12b", synonyms: ["code"], boxOnly: /^[A-Z]{1,2}\b/ },
  { key: "corrected", synonyms: ["corrected"], standalone: true },
];

const lines = (reader: ReturnType<typeof createLayoutReader>, key: string, max = 3) => {
  const hit = reader.hits(key)[0];
  return hit ? reader.valueLines(hit, max).map((l) => [l.text, l.adjacent]) : undefined;
};

describe("createLayoutReader: labels", () => {
  it("finds labels by box id and wording, ranking the box-numbered label first", () => {
    const reader = createLayoutReader(
      [page([text("Box 1. Shows wages, tips, other compensation paid to you.", [0, 0.8, 1, 0.82]), text("1 Wages, tips, other comp. $ 117,636.28", [0.5, 0.1, 0.7, 0.12])])],
      SPECS,
    );
    const [best, other] = reader.hits("wages");
    expect(best).toMatchObject({ boxMatched: true, labelMatched: true });
    expect(best!.cell.text.slice(best!.start, best!.end)).toBe("1 Wages, tips, other comp.");
    expect(other!.score).toBeLessThan(best!.score);
  });

  it("reads OCR's 'l' for '1' in box ids and closes a parenthesis left open", () => {
    const reader = createLayoutReader(
      [page([text("l Wages tips other compensation", [0, 0, 0.2, 0.02]), text("Street address (including apt. no.) 77 Juniper Street", [0, 0.1, 0.4, 0.12])])],
      SPECS,
    );
    expect(reader.hits("wages")[0]?.boxMatched).toBe(true);
    expect(lines(reader, "street")).toEqual([["77 Juniper Street", false]]);
  });

  it("keeps one label per span when wordings overlap, and skips labels in titles", () => {
    const reader = createLayoutReader(
      [page([text("7 Social security tips\n\n$", [0.5, 0.1, 0.7, 0.13]), text("Social Security Wages", [0, 0, 0.5, 0.03], { category: LayoutCategory.TITLE })])],
      SPECS,
    );
    expect(reader.hits("ssTips")).toHaveLength(1);
    expect(reader.hits("ssWages")).toHaveLength(0);
  });

  it("takes a box id alone on a line as the label of an unlabelled box", () => {
    const reader = createLayoutReader([page([text("12b DD 15,686.10", [0.7, 0.3, 0.9, 0.32]), text("12b is explained on the back of the form", [0, 0.9, 1, 0.92])])], SPECS);
    expect(reader.hits("slot")).toHaveLength(1);
    expect(lines(reader, "slot")).toEqual([["DD 15,686.10", false]]);
  });

  it("accepts a one-word label only standing alone", () => {
    const reader = createLayoutReader([page([text("CORRECTED (if checked)", [0.4, 0, 0.6, 0.02]), text("This form was corrected by the payer in March", [0, 0.9, 1, 0.92])])], SPECS);
    expect(reader.hits("corrected")).toHaveLength(1);
  });
});

describe("createLayoutReader: values", () => {
  it("reads the value after a blank line and drops the wrapped label tail", () => {
    const reader = createLayoutReader(
      [
        page([
          text("PAYER'S name, street address, city or town, state or province, country, ZIP or\nforeign postal code, and telephone no.\n\nLarkspur Wealth Management\n10 Main St\nOrlando, FL 32844", [0, 0, 0.4, 0.1]),
          text("1 Wages, tips, other compensation\n\n75,000.00", [0.5, 0, 0.7, 0.03]),
        ]),
      ],
      SPECS,
    );
    expect(lines(reader, "payer")).toEqual([
      ["Larkspur Wealth Management", false],
      ["10 Main St", false],
      ["Orlando, FL 32844", false],
    ]);
    expect(lines(reader, "wages")).toEqual([["75,000.00", false]]);
  });

  it("keeps a lone $ as the box's own (blank) value instead of looking elsewhere", () => {
    const reader = createLayoutReader([page([text("7 Social security tips $", [0.5, 0.1, 0.7, 0.12]), text("99.00", [0.5, 0.13, 0.6, 0.15])])], SPECS);
    expect(lines(reader, "ssTips")).toEqual([["$", false]]);
  });

  it("reads the cell right of or below a label in a table", () => {
    const right = createLayoutReader([page([table([["Wages, tips, other compensation", "75000.00"]], [0, 0, 1, 0.1])])], SPECS);
    expect(lines(right, "wages")).toEqual([["75000.00", true]]);
    const below = createLayoutReader([page([table([["1 Wages, tips, other compensation", "2 Federal income tax withheld"], ["75000.00", "9000.00"]], [0, 0, 1, 0.1])])], SPECS);
    expect(lines(below, "fed")).toEqual([["9000.00", true]]);
  });

  it("reads the element below or right of a label, never past the next label or from a footer", () => {
    const reader = createLayoutReader(
      [
        page([
          text("1 Wages, tips, other compensation", [0.1, 0.1, 0.4, 0.12]),
          text("3 Social security wages", [0.1, 0.13, 0.4, 0.15]),
          text("64,000.00", [0.1, 0.16, 0.2, 0.18]),
          text("2 Federal income tax withheld:", [0.5, 0.1, 0.7, 0.12]),
          text("8,000.00", [0.72, 0.1, 0.8, 0.12]),
          text("7 Social security tips", [0.5, 0.5, 0.7, 0.52]),
          text("Form W-2 (keep for your records) 2024", [0.5, 0.53, 0.9, 0.55], { category: LayoutCategory.PAGE_FOOTER }),
        ]),
      ],
      SPECS,
    );
    expect(lines(reader, "wages")).toEqual([]);
    expect(lines(reader, "ssWages")).toEqual([["64,000.00", true]]);
    expect(lines(reader, "fed")).toEqual([["8,000.00", true]]);
    expect(lines(reader, "ssTips")).toEqual([]);
  });

  it("finds checkbox marks after a label or standing next to it", () => {
    const reader = createLayoutReader(
      [page([text("CORRECTED (if checked)", [0.45, 0.02, 0.6, 0.03]), text("[X]", [0.42, 0.02, 0.44, 0.03]), text("Street address (including apt. no.)\n\nX5616723", [0, 0.2, 0.3, 0.25])])],
      SPECS,
    );
    expect(reader.marks(reader.hits("corrected")[0]!)).toHaveLength(1);
    expect(reader.marks(reader.hits("street")[0]!)).toHaveLength(0);
  });
});
