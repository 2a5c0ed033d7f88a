import { describe, expect, it } from "vitest";
import { failedPage, handPage } from "../../../test-support/commercial-layout-fixture.js";
import { buildLayoutDoc } from "./layout-doc.js";

describe("buildLayoutDoc", () => {
  it("cleans Markdown but keeps masks and check fill stars", () => {
    const doc = buildLayoutDoc([
      handPage(0, [
        { category: "title", text: "# **Copper Canyon Bank**", box: [0, 0, 0.5, 0.05] },
        { text: "VISA ************0184\nAMOUNT **18,746.75**\nP&amp;L Summary", box: [0, 0.1, 0.5, 0.2] },
      ]),
    ]);
    expect(doc.lines.map((l) => l.text)).toEqual(["Copper Canyon Bank", "VISA ************0184", "AMOUNT 18,746.75", "P&L Summary"]);
  });

  it("drops exact repeats of an element and skips failed pages", () => {
    const repeated = { category: "section" as const, text: "## Account Summary", box: [0.1, 0.3, 0.4, 0.33] as const };
    const doc = buildLayoutDoc([failedPage(0), handPage(1, [repeated, repeated, repeated, { text: "Total $5.00", box: [0.1, 0.4, 0.4, 0.42] }])]);
    expect(doc.lines.map((l) => [l.block.page, l.text])).toEqual([
      [1, "Account Summary"],
      [1, "Total $5.00"],
    ]);
  });

  it("reads tables from parsed cells, from HTML text, and from Markdown pipes", () => {
    const html = "<table><tr><th>Date</th><th>Amount</th></tr><tr><td colspan=\"2\">DEPOSITS</td></tr><tr><td>01/02</td><td>5.00</td></tr></table>";
    const page = handPage(0, [
      { category: "table", text: html, box: [0, 0, 1, 0.1] },
      { text: "| Item | Qty |\n|---|---|\n| Widget | 2 |", box: [0, 0.2, 1, 0.3] },
    ]);
    page.elements[0]!.table = undefined;
    const doc = buildLayoutDoc([page]);
    const [html0, md] = doc.blocks;
    expect(html0!.grid!.rows.map((r) => [r.cells, r.header, r.fullSpan])).toEqual([
      [["Date", "Amount"], true, false],
      [["DEPOSITS", ""], false, true],
      [["01/02", "5.00"], false, false],
    ]);
    expect(md!.grid!.rows.map((r) => [r.cells, r.header])).toEqual([
      [["Item", "Qty"], true],
      [["Widget", "2"], false],
    ]);
    expect(doc.lines.map((l) => l.text)).toEqual(["Date | Amount", "DEPOSITS", "01/02 | 5.00", "Item | Qty", "Widget | 2"]);
  });
});
