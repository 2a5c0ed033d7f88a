import { readFileSync } from "node:fs";
import { LayoutCategory } from "@docproc/gen/docproc/v1/layout_pb.js";
import { describe, expect, it } from "vitest";
import { parseDotsOcrOutput } from "../vlm/output-cleaner.js";
import { toModelInputBox, toOriginalPixelBox } from "./box-mapping.js";
import { layoutMarkdown } from "./layout-markdown.js";
import { layoutCategoryOf, toLayoutElements } from "./to-layout-elements.js";

const LETTER = { width: 1708, height: 2212, originalWidth: 1700, originalHeight: 2200 };
const fixture = (name: string): string =>
  readFileSync(new URL(`../../test-fixtures/dotsocr/${name}`, import.meta.url), "utf8");

describe("box mapping", () => {
  it("maps the 1708x2212 model frame back to 1700x2200 like the reference (truncating)", () => {
    // Python: int(x / (1708 / 1700)), int(y / (2212 / 2200))
    const box = toOriginalPixelBox([75, 62, 1633, 884], LETTER);
    expect([box.xMin, box.yMin, box.xMax, box.yMax]).toEqual([74, 61, 1625, 879]);
    const corner = toOriginalPixelBox([1708, 2212, 1708, 2212], LETTER);
    expect([corner.xMax, corner.yMax]).toEqual([1700, 2200]);
  });

  it("clamps boxes that overshoot the frame", () => {
    const box = toOriginalPixelBox([0, 0, 5000, 5000], LETTER);
    expect([box.xMax, box.yMax]).toEqual([1700, 2200]);
  });

  it("maps a page-fraction box into the model frame for grounding (pre_process_bboxes)", () => {
    // Python: int(round(f * 1700) / (1700 / 1708)), same for y
    expect(toModelInputBox({ xMin: 0.1, yMin: 0.1, xMax: 0.9, yMax: 0.5 } as never, LETTER)).toEqual([170, 221, 1537, 1106]);
  });
});

describe("toLayoutElements", () => {
  it("maps categories, keeping the raw name and sending unknown ones to OTHER", () => {
    expect(layoutCategoryOf("List-item")).toBe(LayoutCategory.LIST_ITEM);
    expect(layoutCategoryOf("Figure")).toBe(LayoutCategory.OTHER);
    expect(layoutCategoryOf("toString")).toBe(LayoutCategory.OTHER);
    const [el] = toLayoutElements([{ bbox: [0, 0, 10, 10], category: "Stamp", text: "PAID" }], LETTER, { withText: true });
    expect(el).toMatchObject({ category: LayoutCategory.OTHER, rawCategory: "Stamp", text: "PAID", confidence: 0 });
  });

  it("converts a corpus W-2 (table style): boxes, normalized boxes and the parsed grid", () => {
    const { elements } = parseDotsOcrOutput(fixture("vis-w2-03.page-1.dotsocr.json"), "stop");
    const layout = toLayoutElements(elements, LETTER, { withText: true });
    const table = layout[0];
    expect(table?.category).toBe(LayoutCategory.TABLE);
    expect(table?.pixelBox).toMatchObject({ xMin: 74, yMin: 61, xMax: 1625, yMax: 879 });
    expect(table?.box?.xMin).toBeCloseTo(74 / 1700, 6);
    expect(table?.box?.yMax).toBeCloseTo(879 / 2200, 6);
    expect(table?.table?.columnCount).toBe(24);
    const wages = table?.table?.rows.flatMap((r) => r.cells).find((c) => c.text.startsWith("1 Wages"));
    expect(wages).toMatchObject({ rowIndex: 1, columnIndex: 12, columnSpan: 6, text: "1 Wages, tips, other compensation 30566.24" });
    expect(layout[1]).toMatchObject({ category: LayoutCategory.TITLE, text: "# Form W-2 Wage and Tax Statement" });
  });

  it("drops text in layout-only mode and for pictures", () => {
    const layout = toLayoutElements(
      [{ bbox: [0, 0, 10, 10], category: "Text", text: "hello" }, { bbox: [0, 20, 10, 30], category: "Picture", text: "logo" }],
      LETTER,
      { withText: false },
    );
    expect(layout.map((e) => e.text)).toEqual(["", ""]);
    expect(layout[0]?.table).toBeUndefined();
  });
});

describe("layoutMarkdown", () => {
  const elements = toLayoutElements(
    [
      { bbox: [0, 0, 100, 10], category: "Page-header", text: "Statement  " },
      { bbox: [0, 20, 100, 30], category: "Picture" },
      { bbox: [0, 40, 100, 50], category: "Title", text: "# Invoice" },
      { bbox: [0, 60, 100, 70], category: "Formula", text: "E = mc^2" },
      { bbox: [0, 80, 100, 90], category: "Table", text: "<table><tr><td>a</td></tr></table>" },
      { bbox: [0, 100, 100, 110], category: "Page-footer", text: "Page 1 of 2" },
    ],
    LETTER,
    { withText: true },
  );

  it("joins blocks with a blank line, keeps table HTML and wraps formulas", () => {
    expect(layoutMarkdown(elements)).toBe(
      "Statement\n\n# Invoice\n\n$$\nE = mc^2\n$$\n\n<table><tr><td>a</td></tr></table>\n\nPage 1 of 2",
    );
  });

  it("can drop page headers/footers and write a picture placeholder", () => {
    expect(layoutMarkdown(elements, { dropPageHeaderFooter: true, picturePlaceholder: true })).toBe(
      "![picture]\n\n# Invoice\n\n$$\nE = mc^2\n$$\n\n<table><tr><td>a</td></tr></table>",
    );
  });
});
