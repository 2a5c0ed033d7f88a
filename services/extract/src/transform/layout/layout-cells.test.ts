import { create } from "@bufbuild/protobuf";
import { PageResultSchema, PageStatus } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { LayoutCategory } from "@docproc/gen/docproc/v1/layout_pb.js";
import { describe, expect, it } from "vitest";
import { page, table, text } from "../../../test-support/hand-layout.js";
import { cleanCellText, layoutCells, sourceOf } from "./layout-cells.js";

describe("cleanCellText", () => {
  it("strips Markdown headings and bold but keeps masks and blank lines", () => {
    expect(cleanCellText("# Form W-2   Wage")).toBe("Form W-2 Wage");
    expect(cleanCellText("**Copy B**\nFor Recipient")).toBe("Copy B\nFor Recipient");
    expect(cleanCellText("For calendar year\n**2024**")).toBe("For calendar year\n2024");
    expect(cleanCellText("RECIPIENT'S TIN\n\n***-**-4120")).toBe("RECIPIENT'S TIN\n\n***-**-4120");
    expect(cleanCellText("A &amp; B&nbsp;Co")).toBe("A & B Co");
  });
});

describe("layoutCells", () => {
  it("flattens text elements and table cells in reading order, with estimated cell boxes", () => {
    const cells = layoutCells([page([text("Title", [0, 0, 1, 0.1]), table([["a", "b"], ["c", ""]], [0, 0.2, 1, 0.4])])]);
    expect(cells.map((c) => c.text)).toEqual(["Title", "a", "b", "c", ""]);
    expect(cells[2]!.grid).toMatchObject({ row: 0, col: 1, rowSpan: 1, colSpan: 1 });
    expect(cells[2]!.box).toMatchObject({ xMin: 0.5, xMax: 1 });
    expect(cells[3]!.box!.yMin).toBeCloseTo(0.3);
    expect(cells.map((c) => c.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it("parses a table the engine left as HTML text", () => {
    const element = text("<table><tr><td>1 Rents</td><td>2 Royalties 5.00</td></tr></table>", [0, 0, 1, 0.1], { category: LayoutCategory.TABLE });
    expect(layoutCells([page([element])]).map((c) => [c.text, c.grid?.col])).toEqual([
      ["1 Rents", 0],
      ["2 Royalties 5.00", 1],
    ]);
  });

  it("skips failed pages, pictures and exact repeats", () => {
    const failed = create(PageResultSchema, { pageIndex: 1, status: PageStatus.FAILED, error: "x" });
    const repeated = text("same", [0, 0, 1, 0.1]);
    const cells = layoutCells([page([repeated, repeated, text("", [0, 0.2, 1, 0.3], { category: LayoutCategory.PICTURE })]), failed]);
    expect(cells.map((c) => c.text)).toEqual(["same"]);
  });

  it("gives the provenance of a cell, with the engine's confidence when it has one", () => {
    const [cell] = layoutCells([page([text("x", [0.1, 0.2, 0.3, 0.4], { confidence: 0.7 })], 3)]);
    expect(sourceOf(cell!)).toMatchObject({ pageIndex: 3, confidence: 0.7 });
    expect(sourceOf(cell!).box?.xMin).toBeCloseTo(0.1);
  });
});
