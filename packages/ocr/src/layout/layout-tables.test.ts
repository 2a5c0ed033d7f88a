import { LayoutCategory } from "@docproc/gen/docproc/v1/layout_pb.js";
import { describe, expect, it } from "vitest";
import { ocrLine, ocrPage, phrase } from "../../test/ocr-page-builder.js";
import { layoutFromOcr } from "./layout-from-ocr.js";

const FRAME = { originalWidth: 1700, originalHeight: 2200, scale: 1 };
const F = 20;

function cellsOf(element: ReturnType<typeof layoutFromOcr>[number] | undefined): string[][] {
  return (element?.table?.rows ?? []).map((r) => r.cells.map((c) => c.text));
}

describe("layoutFromOcr: tables", () => {
  it("finds a transaction table with a header row and four aligned columns", () => {
    const rows: Array<[string, string, string, string]> = [
      ["08/16", "ACH DEBIT RIVERBEND MORTGAGE", "-2,361.34", "5,592.71"],
      ["08/21", "POS PURCHASE PAGEBURNER BOOKS", "-8.72", "5,583.99"],
      ["08/24", "MOBILE DEPOSIT", "2,015.01", "7,599.00"],
      ["08/25", "DIRECT DEP EVERGREEN PAYROLL", "3,822.87", "11,421.87"],
      ["08/29", "CHECK #1761", "-583.75", "10,838.12"],
    ];
    const right = (x1: number, text: string): [number, string] => [Math.round(x1 - 0.55 * F * text.length), text];
    const page = ocrPage(1700, 2200, [
      ocrLine(600, F, phrase(100, "Transaction Details", F)),
      ocrLine(650, F, [[100, "Date"], [250, "Description"], right(1300, "Amount"), right(1580, "Balance")]),
      ...rows.map(([date, description, amount, balance], i) =>
        ocrLine(690 + 40 * i, F, [[100, date], ...phrase(250, description, F), right(1300, amount), right(1580, balance)]),
      ),
    ]);
    const elements = layoutFromOcr(page, FRAME);
    expect(elements.map((e) => e.category)).toEqual([LayoutCategory.SECTION_HEADER, LayoutCategory.TABLE]);
    const table = elements[1];
    expect(table?.rawCategory).toBe("Table");
    expect(table?.table?.rowCount).toBe(6);
    expect(table?.table?.columnCount).toBe(4);
    expect(table?.table?.rows[0]?.header).toBe(true);
    expect(table?.table?.rows[0]?.cells.every((c) => c.header)).toBe(true);
    expect(cellsOf(table)).toEqual([["Date", "Description", "Amount", "Balance"], ...rows]);
    expect(table?.table?.rows[2]?.cells[3]).toMatchObject({ rowIndex: 2, columnIndex: 3, rowSpan: 1, columnSpan: 1 });
    expect(table?.text).toBe(
      "<table><thead><tr><th>Date</th><th>Description</th><th>Amount</th><th>Balance</th></tr></thead><tbody>" +
        rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("") +
        "</tbody></table>",
    );
  });

  it("reads receipt items and their quantity sub-lines as one table, the totals as another", () => {
    const line = (y: number, name: string, price?: string) =>
      ocrLine(y, F, [...phrase(30, name, F), ...(price ? [[590 - 11 * price.length, price] as [number, string]] : [])]);
    const page = ocrPage(625, 1200, [
      line(300, "ALLERGY RELIEF 30CT", "15.48"),
      line(330, "GREETING CARD", "8.98"),
      ocrLine(360, F, phrase(55, "2 @ 4.49", F)),
      line(390, "IBUPROFEN 200MG", "19.38"),
      line(420, "COUGH DROPS", "11.55"),
      line(520, "SUBTOTAL", "55.39"),
      line(550, "TAX 6.25%", "3.46"),
      line(580, "TOTAL", "58.85"),
    ]);
    const elements = layoutFromOcr(page, { originalWidth: 625, originalHeight: 1200, scale: 1 });
    expect(elements.map((e) => e.category)).toEqual([LayoutCategory.TABLE, LayoutCategory.TABLE]);
    expect(cellsOf(elements[0])).toEqual([
      ["ALLERGY RELIEF 30CT", "15.48"],
      ["GREETING CARD", "8.98"],
      ["2 @ 4.49", ""],
      ["IBUPROFEN 200MG", "19.38"],
      ["COUGH DROPS", "11.55"],
    ]);
    expect(cellsOf(elements[1])).toEqual([["SUBTOTAL", "55.39"], ["TAX 6.25%", "3.46"], ["TOTAL", "58.85"]]);
    expect(elements[0]?.table?.rows.some((r) => r.header)).toBe(false);
    expect(elements[0]?.text.startsWith("<table><tbody><tr><td>ALLERGY RELIEF 30CT</td>")).toBe(true);
  });

  it("separates an address printed beside a key/value grid from the grid", () => {
    const kv = (y: number, label: string, value: string, address?: string) =>
      ocrLine(y, F, [...(address ? phrase(250, address, F) : []), ...phrase(1200, label, F), [1590 - 11 * value.length, value]]);
    const page = ocrPage(1700, 2200, [
      ocrLine(100, F, phrase(250, "Evergreen Print & Design", F)),
      ocrLine(130, F, phrase(250, "562 Brookside Ln #15", F)),
      kv(160, "Invoice #", "INV-2023-55333", "Boston, MA 02111"),
      kv(190, "Invoice Date", "02/10/2023", "(778) 371-9852"),
      kv(220, "Due Date", "03/12/2023", "ar@evergreen.com"),
      kv(250, "P.O. #", "PO-98820"),
      kv(280, "Terms", "Net 30"),
    ]);
    const elements = layoutFromOcr(page, FRAME);
    expect(elements.map((e) => e.category)).toEqual([LayoutCategory.TEXT, LayoutCategory.TABLE]);
    expect(elements[0]?.text).toBe("Evergreen Print & Design\n562 Brookside Ln #15\nBoston, MA 02111\n(778) 371-9852\nar@evergreen.com");
    expect(cellsOf(elements[1])).toEqual([
      ["Invoice #", "INV-2023-55333"],
      ["Invoice Date", "02/10/2023"],
      ["Due Date", "03/12/2023"],
      ["P.O. #", "PO-98820"],
      ["Terms", "Net 30"],
    ]);
  });

  it("does not call aligned rows without a column of numbers a table", () => {
    const page = ocrPage(1700, 2200, [
      ocrLine(100, F, [...phrase(100, "Name", F), ...phrase(700, "Maria Abernathy", F)]),
      ocrLine(130, F, [...phrase(100, "Employer", F), ...phrase(700, "Pinecrest Health", F)]),
      ocrLine(160, F, [...phrase(100, "City", F), ...phrase(700, "Houston", F)]),
    ]);
    expect(layoutFromOcr(page, FRAME).every((e) => e.category === LayoutCategory.TEXT)).toBe(true);
  });

  it("reads labels over one row of amounts as a two-row table", () => {
    const page = ocrPage(1700, 2200, [
      ocrLine(430, F, [...phrase(340, "Previous Balance", F), [760, "Deposits"], [1070, "Withdrawals"], ...phrase(1420, "New Balance", F)]),
      ocrLine(470, F, [[410, "$9,759.85"], [740, "$9,938.79"], [1070, "$12,204.71"], [1440, "$7,493.93"]]),
    ]);
    const [table] = layoutFromOcr(page, FRAME);
    expect(table?.category).toBe(LayoutCategory.TABLE);
    expect(cellsOf(table)).toEqual([
      ["Previous Balance", "Deposits", "Withdrawals", "New Balance"],
      ["$9,759.85", "$9,938.79", "$12,204.71", "$7,493.93"],
    ]);
  });

  it("escapes HTML in cells", () => {
    const page = ocrPage(1700, 2200, [
      ocrLine(100, F, [...phrase(100, "A<B & Co", F), [900, "1.00"]]),
      ocrLine(130, F, [...phrase(100, "C>D", F), [900, "2.00"]]),
      ocrLine(160, F, [...phrase(100, "E", F), [900, "3.00"]]),
    ]);
    const [table] = layoutFromOcr(page, FRAME);
    expect(table?.text).toContain("<td>A&lt;B &amp; Co</td>");
    expect(table?.text).toContain("<td>C&gt;D</td>");
    expect(cellsOf(table)[0]).toEqual(["A<B & Co", "1.00"]);
  });
});
