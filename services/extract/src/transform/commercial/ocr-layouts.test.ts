import { describe, expect, it } from "vitest";
import { type HandElement, handPage, plainField } from "../../../test-support/commercial-layout-fixture.js";
import { transformBankStatement } from "./bank-statement.js";
import { transformInvoice } from "./invoice.js";
import { transformReceipt } from "./receipt.js";

/*
 * Layouts as a CPU OCR engine may give them: every gap-separated word group
 * is its own text element with a confidence, so labels, values and table
 * cells arrive as separate fragments that have to be put back into rows.
 */

/** Text fragments of one printed row: [text, x0, x1] at height y. */
function row(y: number, parts: Array<[string, number, number]>, confidence = 0.9): HandElement[] {
  return parts.map(([text, x0, x1]) => ({ text, box: [x0, y, x1, y + 0.012] as const, confidence }));
}

describe("fragmented OCR layouts", () => {
  it("rebuilds a debit/credit transaction table from fragments", () => {
    const page = handPage(0, [
      ...row(0.03, [["Harbor Federal Savings", 0.06, 0.4]]),
      ...row(0.06, [["Statement Period", 0.06, 0.2], ["05/01/2024 - 05/31/2024", 0.22, 0.45]]),
      ...row(0.09, [["Beginning Balance", 0.06, 0.2], ["$2,000.00", 0.3, 0.4]]),
      ...row(0.11, [["Ending Balance", 0.06, 0.2], ["$2,640.00", 0.3, 0.4]]),
      ...row(0.2, [["Date", 0.06, 0.1], ["Description", 0.15, 0.3], ["Withdrawals", 0.55, 0.65], ["Deposits", 0.7, 0.78], ["Balance", 0.85, 0.93]]),
      ...row(0.22, [["05/03", 0.06, 0.1], ["COFFEE SHOP", 0.15, 0.3], ["10.00", 0.6, 0.65], ["1,990.00", 0.87, 0.93]]),
      ...row(0.24, [["05/15", 0.06, 0.1], ["PAYROLL", 0.15, 0.25], ["900.00", 0.72, 0.78], ["2,890.00", 0.87, 0.93]]),
      ...row(0.26, [["05/20", 0.06, 0.1], ["UTILITY BILL", 0.15, 0.28], ["250.00", 0.59, 0.65], ["2,640.00", 0.87, 0.93]]),
      ...row(0.4, [["Questions? Call us any time at the number above.", 0.06, 0.7]]),
    ]);
    const { document, issues } = transformBankStatement([page]);
    const tx = plainField(document as never, "transactions") as Array<{ amount: string; description: string }>;
    expect(tx.map((t) => [t.description, t.amount])).toEqual([
      ["COFFEE SHOP", "-10.00"],
      ["PAYROLL", "900.00"],
      ["UTILITY BILL", "-250.00"],
    ]);
    expect(plainField(document as never, "beginning_balance")).toBe("2000.00");
    expect(issues.filter((i) => i.code === "bank.balance_rollforward")).toEqual([]);
    expect(document.bankName?.meta?.confidence).toBeLessThanOrEqual(0.9);
  });

  it("reads invoice items and summary values printed as separate fragments", () => {
    const page = handPage(0, [
      ...row(0.03, [["Pinecrest Print Shop LLC", 0.06, 0.35]]),
      ...row(0.05, [["Invoice Number", 0.6, 0.72], ["PC-5531", 0.8, 0.9]]),
      ...row(0.07, [["Invoice Date", 0.6, 0.72], ["Jun 3, 2024", 0.8, 0.92]]),
      ...row(0.2, [["Description", 0.06, 0.2], ["Quantity", 0.5, 0.58], ["Unit Price", 0.65, 0.75], ["Total", 0.85, 0.92]]),
      ...row(0.22, [["Flyers, full color", 0.06, 0.25], ["500", 0.52, 0.56], ["0.25", 0.68, 0.72], ["125.00", 0.86, 0.92]]),
      ...row(0.24, [["Poster, A2", 0.06, 0.18], ["3", 0.53, 0.55], ["12.50", 0.67, 0.72], ["37.50", 0.87, 0.92]]),
      ...row(0.3, [["Subtotal", 0.65, 0.75], ["162.50", 0.86, 0.92]]),
      ...row(0.32, [["Tax (6%)", 0.65, 0.75], ["9.75", 0.88, 0.92]]),
      ...row(0.34, [["Total Due", 0.65, 0.75], ["$172.25", 0.85, 0.92]]),
    ]);
    const { document, issues } = transformInvoice([page]);
    const get = (k: string) => plainField(document as never, k);
    expect(get("invoice_id")).toBe("PC-5531");
    expect(get("invoice_date")).toBe("2024-06-03");
    expect(get("line_items")).toEqual([
      { description: "Flyers, full color", quantity: "500", unit_price: "0.25", amount: "125.00", product_code: null },
      { description: "Poster, A2", quantity: "3", unit_price: "12.50", amount: "37.50", product_code: null },
    ]);
    expect([get("subtotal"), get("total_tax"), get("tax_rate"), get("invoice_total")]).toEqual(["162.50", "9.75", "6", "172.25"]);
    expect(issues).toEqual([]);
  });

  it("reads a receipt whose prices are separate fragments at the right edge", () => {
    const page = handPage(
      0,
      [
        ...row(0.02, [["SUNNY MART", 0.3, 0.7]]),
        ...row(0.05, [["12 Bay St", 0.35, 0.65]]),
        ...row(0.07, [["Miami, FL 33101", 0.3, 0.7]]),
        ...row(0.1, [["2024-07-04 10:15", 0.05, 0.5]]),
        ...row(0.14, [["ORANGES", 0.05, 0.3], ["4.50", 0.85, 0.95]]),
        ...row(0.16, [["3 @ 1.50", 0.1, 0.3]]),
        ...row(0.18, [["WATER 24PK", 0.05, 0.4], ["5.99", 0.85, 0.95]]),
        ...row(0.22, [["SUBTOTAL ........", 0.05, 0.5], ["10.49", 0.83, 0.95]]),
        ...row(0.24, [["TAX", 0.05, 0.15], ["0.73", 0.85, 0.95]]),
        ...row(0.26, [["TOTAL", 0.05, 0.2], ["11.22", 0.83, 0.95]]),
      ],
      625,
      1000,
    );
    const { document, issues } = transformReceipt([page]);
    const get = (k: string) => plainField(document as never, k);
    expect(get("merchant_address")).toEqual({ street: "12 Bay St", city: "Miami", state: "FL", postal_code: "33101" });
    expect((get("line_items") as Array<Record<string, string>>).map((i) => [i.description, i.quantity, i.unit_price, i.amount])).toEqual([
      ["ORANGES", "3", "1.50", "4.50"],
      ["WATER 24PK", "1", "5.99", "5.99"],
    ]);
    expect([get("subtotal"), get("total_tax"), get("total")]).toEqual(["10.49", "0.73", "11.22"]);
    expect(get("transaction_time")).toBe("10:15");
    expect(issues).toEqual([]);
  });
});
