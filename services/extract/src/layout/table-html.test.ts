import { toJson } from "@bufbuild/protobuf";
import { TableSchema } from "@docproc/gen/docproc/v1/layout_pb.js";
import { describe, expect, it } from "vitest";
import { parseTableHtml } from "./table-html.js";

/** The grid as [row, column, rowSpan, colSpan, text] tuples, for compact assertions. */
function grid(html: string): Array<[number, number, number, number, string]> {
  return parseTableHtml(html).rows.flatMap((r) =>
    r.cells.map((c) => [c.rowIndex, c.columnIndex, c.rowSpan, c.columnSpan, c.text] as [number, number, number, number, string]),
  );
}

describe("parseTableHtml", () => {
  it("reads a header row and body rows", () => {
    const table = parseTableHtml(
      "<table><thead><tr><th>Date</th><th>Description</th><th>Amount</th></tr></thead>" +
        "<tbody><tr><td>01/02</td><td>Coffee</td><td>-4.50</td></tr></tbody></table>",
    );
    expect(table.rowCount).toBe(2);
    expect(table.columnCount).toBe(3);
    expect(table.rows[0]?.header).toBe(true);
    expect(table.rows[0]?.cells.every((c) => c.header)).toBe(true);
    expect(table.rows[1]?.header).toBe(false);
    expect(table.rows[1]?.cells.map((c) => c.text)).toEqual(["01/02", "Coffee", "-4.50"]);
  });

  it("places cells through rowspan and colspan occupancy", () => {
    // A | B B | C      row 0: A spans 2 rows, B spans 2 columns
    // A | D | E | F    row 1: D starts at column 1 (A occupies 0)
    // G G G | H        row 2
    const html =
      '<table><tr><td rowspan="2">A</td><td colspan="2">B</td><td>C</td></tr>' +
      "<tr><td>D</td><td>E</td><td>F</td></tr>" +
      '<tr><td colspan="3">G</td><td>H</td></tr></table>';
    expect(grid(html)).toEqual([
      [0, 0, 2, 1, "A"], [0, 1, 1, 2, "B"], [0, 3, 1, 1, "C"],
      [1, 1, 1, 1, "D"], [1, 2, 1, 1, "E"], [1, 3, 1, 1, "F"],
      [2, 0, 1, 3, "G"], [2, 3, 1, 1, "H"],
    ]);
    expect(parseTableHtml(html).columnCount).toBe(4);
  });

  it("handles a W-2 style grid with a 3-row, 12-column block", () => {
    const html =
      '<table><tbody><tr><td colspan="12">a SSN</td><td colspan="12">OMB</td></tr>' +
      '<tr><td rowspan="3" colspan="12">c Employer</td><td colspan="6">3 SS wages</td><td colspan="6">4 SS tax</td></tr>' +
      '<tr><td colspan="6">5 Medicare</td><td colspan="6">6 Medicare tax</td></tr>' +
      '<tr><td colspan="6">7 SS tips</td><td colspan="6">8 Allocated</td></tr>' +
      '<tr><td colspan="12">d Control</td><td colspan="12">9</td></tr></tbody></table>';
    const cells = grid(html);
    expect(cells.find((c) => c[4] === "5 Medicare")).toEqual([2, 12, 1, 6, "5 Medicare"]);
    expect(cells.find((c) => c[4] === "8 Allocated")).toEqual([3, 18, 1, 6, "8 Allocated"]);
    expect(cells.find((c) => c[4] === "d Control")).toEqual([4, 0, 1, 12, "d Control"]);
    expect(parseTableHtml(html).columnCount).toBe(24);
  });

  it("clamps a rowspan past the last row and treats rowspan 0 as to the end", () => {
    expect(grid('<table><tr><td rowspan="9">A</td><td>B</td></tr><tr><td>C</td></tr></table>')).toEqual([
      [0, 0, 2, 1, "A"], [0, 1, 1, 1, "B"], [1, 1, 1, 1, "C"],
    ]);
    expect(grid('<table><tr><td rowspan="0">A</td></tr><tr><td>B</td></tr></table>')[0]).toEqual([0, 0, 2, 1, "A"]);
  });

  it("decodes entities, keeps a literal &, collapses whitespace and <br>", () => {
    const cells = grid("<table><tr><td>AT&amp;T</td><td>Smith & Sons</td><td> two\n  lines<br>here </td><td>&lt;5&gt;</td></tr></table>");
    expect(cells.map((c) => c[4])).toEqual(["AT&T", "Smith & Sons", "two lines here", "<5>"]);
  });

  it("tolerates unclosed tags, a missing tbody and cells outside a tr", () => {
    expect(grid("<table><tr><td>a<td>b<tr><td>c</table>")).toEqual([
      [0, 0, 1, 1, "a"], [0, 1, 1, 1, "b"], [1, 0, 1, 1, "c"],
    ]);
    expect(grid("<table><td>x</td><td>y</td></table>")).toEqual([[0, 0, 1, 1, "x"], [0, 1, 1, 1, "y"]]);
    expect(grid("<table><tr><td>cut off")).toEqual([[0, 0, 1, 1, "cut off"]]);
  });

  it("marks an all-th body row as a header and keeps nested table text in its cell", () => {
    const table = parseTableHtml(
      "<table><tr><th>Box</th><th>Amount</th></tr><tr><td>1<table><tr><td>inner</td><td>x</td></tr></table></td><td>2</td></tr></table>",
    );
    expect(table.rows[0]?.header).toBe(true);
    expect(table.rows[1]?.cells.map((c) => c.text)).toEqual(["1 inner x", "2"]);
    expect(table.rowCount).toBe(2);
  });

  it("ignores bad span attributes and serialises with proto field names", () => {
    const table = parseTableHtml('<table><tr><td colspan="abc" rowspan="-2">A</td></tr></table>');
    expect(toJson(TableSchema, table, { useProtoFieldName: true })).toEqual({
      rows: [{ cells: [{ row_span: 1, column_span: 1, text: "A" }] }], // zero indexes are proto defaults
      row_count: 1,
      column_count: 1,
    });
    expect(parseTableHtml("no table here").rowCount).toBe(0);
  });
});
