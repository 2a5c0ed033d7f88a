import { CardTransactionType } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import { Severity } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { handPage, plainField } from "../../../test-support/commercial-layout-fixture.js";
import { transformCreditCardStatement } from "./credit-card-statement.js";

const table = (header: string[], rows: string[][]) =>
  `<table><thead><tr>${header.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;

/** Separate Payments / Purchases / Fees / Interest sections, amounts printed unsigned, a cycle across the new year. */
function sectionedStatement() {
  return [
    handPage(0, [
      { category: "title", text: "Northwind Platinum Mastercard", box: [0.06, 0.03, 0.5, 0.06] },
      { text: "Account Number XXXX XXXX XXXX 1234\nOpening/Closing Date 12/16/23 - 01/15/24", box: [0.6, 0.03, 0.95, 0.07] },
      { text: "MARIA GARCIA\n55 OAK LANE\nAUSTIN TX 78701", box: [0.06, 0.1, 0.35, 0.15] },
      {
        text: "Previous Balance $1,000.00\nPayments, Credits -$530.00\nPurchases +$250.00\nFees Charged $29.00\nInterest Charged $12.34\nNew Balance $761.34",
        box: [0.06, 0.18, 0.45, 0.3],
      },
      {
        text: "Minimum Payment Due: $35.00\nPayment Due Date: February 10, 2024\nCredit Line $5,000\nAvailable Credit $4,238.66",
        box: [0.55, 0.18, 0.95, 0.26],
      },
      { category: "section", text: "Payments and Other Credits", box: [0.06, 0.33, 0.5, 0.35] },
      { category: "table", text: table(["Date", "Description", "Amount"], [["12/28", "AUTOPAY PAYMENT", "500.00"], ["01/03", "RETURN - SHOE STORE", "30.00"]]), box: [0.06, 0.36, 0.95, 0.42] },
      { category: "section", text: "Purchases", box: [0.06, 0.44, 0.5, 0.46] },
      { category: "table", text: table(["Date", "Description", "Amount"], [["12/20", "BOOKSHOP 55", "100.00"], ["01/10", "CAFE LUNA", "150.00"]]), box: [0.06, 0.47, 0.95, 0.53] },
      { category: "section", text: "Fees Charged", box: [0.06, 0.55, 0.5, 0.57] },
      { category: "table", text: table(["Date", "Description", "Amount"], [["01/05", "LATE FEE", "29.00"]]), box: [0.06, 0.58, 0.95, 0.61] },
      { category: "section", text: "Interest Charged", box: [0.06, 0.63, 0.5, 0.65] },
      { category: "table", text: table(["Date", "Description", "Amount"], [["01/15", "INTEREST CHARGE ON PURCHASES", "12.34"]]), box: [0.06, 0.66, 0.95, 0.69] },
      { text: "Annual Percentage Rate (APR) for purchases 22.24% (v)", box: [0.06, 0.72, 0.9, 0.74] },
      { category: "footer", text: "Northwind Bank · PO Box 9, Wilmington, DE 19850 · 1-888-555-0100", box: [0.06, 0.96, 0.95, 0.98] },
    ]),
  ];
}

describe("transformCreditCardStatement", () => {
  it("types and signs transactions from sections and words, resolving years across the new year", () => {
    const { document, issues } = transformCreditCardStatement(sectionedStatement());
    const get = (k: string) => plainField(document as never, k);
    expect(get("issuer_name")).toBe("Northwind Platinum Mastercard");
    expect(get("issuer_phone")).toBe("1-888-555-0100");
    expect(get("account_number")).toEqual({ last4: "1234", truncated: true });
    expect(get("account_holder_name")).toBe("MARIA GARCIA");
    expect(get("period_start")).toBe("2023-12-16");
    expect(get("period_end")).toBe("2024-01-15");
    expect(get("statement_closing_date")).toBe("2024-01-15");
    expect(get("previous_balance")).toBe("1000.00");
    expect(get("payments_and_credits")).toBe("530.00");
    expect(get("purchases")).toBe("250.00");
    expect(get("fees_charged")).toBe("29.00");
    expect(get("interest_charged")).toBe("12.34");
    expect(get("new_balance")).toBe("761.34");
    expect(get("minimum_payment_due")).toBe("35.00");
    expect(get("payment_due_date")).toBe("2024-02-10");
    expect(get("credit_limit")).toBe("5000.00");
    expect(get("available_credit")).toBe("4238.66");
    expect(get("purchase_apr")).toBe("22.24");
    const tx = document.transactions;
    expect(tx.map((t) => t.type)).toEqual([
      CardTransactionType.PAYMENT,
      CardTransactionType.CREDIT,
      CardTransactionType.PURCHASE,
      CardTransactionType.PURCHASE,
      CardTransactionType.FEE,
      CardTransactionType.INTEREST,
    ]);
    expect((get("transactions") as Array<{ amount: string; date: string }>).map((t) => [t.date, t.amount])).toEqual([
      ["2023-12-28", "-500.00"],
      ["2024-01-03", "-30.00"],
      ["2023-12-20", "100.00"],
      ["2024-01-10", "150.00"],
      ["2024-01-05", "29.00"],
      ["2024-01-15", "12.34"],
    ]);
    expect(issues.filter((i) => i.severity !== Severity.INFO)).toEqual([]);
  });

  it("reports a summary that does not add up", () => {
    const pages = sectionedStatement();
    const summary = pages[0]!.elements[3]!;
    summary.text = summary.text.replace("New Balance $761.34", "New Balance $861.34");
    const { issues } = transformCreditCardStatement(pages);
    const codes = issues.map((i) => i.code);
    expect(codes).toContain("card.balance_equation");
    expect(codes).toContain("card.transactions_sum");
    expect(codes).toContain("card.available_credit");
  });

  it("reads a summary in text lines, the issuer from the footer and section rows inside the activity table", () => {
    const activity =
      '<table><thead><tr><th>Date of Transaction</th><th>Merchant Name or Transaction Description</th><th>$ Amount</th></tr></thead><tbody>' +
      '<tr><td colspan="3">PAYMENTS AND OTHER CREDITS</td></tr><tr><td>01/15</td><td>AUTOMATIC PAYMENT - THANK YOU</td><td>-1,234.56</td></tr>' +
      '<tr><td colspan="3">PURCHASE</td></tr><tr><td>01/07</td><td>AMAZON MKTPLACE PMTS</td><td>67.89</td></tr><tr><td>02/01</td><td>DELTA AIR 0062 ATLANTA GA</td><td>500.00</td></tr></tbody></table>';
    const { document, issues } = transformCreditCardStatement([
      handPage(0, [
        { text: "Customer Service:\n1-800-524-3880", box: [0.45, 0.02, 0.7, 0.05] },
        {
          text: "Account Number: XXXX XXXX XXXX 9876\nPrevious Balance $1,234.56\nPayment, Credits -$1,234.56\nPurchases +$567.89\nCash Advances $0.00\nFees Charged $0.00\nInterest Charged $0.00\nNew Balance $567.89\nOpening/Closing Date 01/05/24 - 02/04/24\nCredit Access Line $10,000\nAvailable Credit $9,432.11\nAvailable for Cash $500",
          box: [0.06, 0.1, 0.45, 0.35],
        },
        { text: "Payment Due Date 03/01/24\nMinimum Payment Due $40.00", box: [0.5, 0.1, 0.9, 0.14] },
        { text: "JOHN SMITH\n100 MAIN ST\nANYTOWN NY 10001-1234", box: [0.06, 0.4, 0.4, 0.45] },
        { category: "table", text: activity, box: [0.06, 0.53, 0.95, 0.65] },
        { text: "Annual Percentage Rate (APR)\nPurchases 21.49%(v)(d)\nCash Advances 29.49%(v)(d)", box: [0.06, 0.7, 0.6, 0.75] },
        { category: "footer", text: "JPMorgan Chase Bank, N.A. P.O. Box 15123, Wilmington, DE 19850-5123", box: [0.06, 0.95, 0.9, 0.97] },
      ]),
    ]);
    const get = (k: string) => plainField(document as never, k);
    expect(get("issuer_name")).toBe("JPMorgan Chase Bank, N.A.");
    expect(get("issuer_address")).toEqual({ street: "P.O. Box 15123", city: "Wilmington", state: "DE", postal_code: "19850-5123" });
    expect(get("statement_closing_date")).toBe("2024-02-04");
    expect(get("payments_and_credits")).toBe("1234.56");
    expect([get("credit_limit"), get("available_credit"), get("purchase_apr")]).toEqual(["10000.00", "9432.11", "21.49"]);
    expect((get("transactions") as Array<{ type: string; amount: string }>).map((t) => [t.type, t.amount])).toEqual([
      ["payment", "-1234.56"],
      ["purchase", "67.89"],
      ["purchase", "500.00"],
    ]);
    expect(issues).toEqual([]);
  });

  it("reads statements that print charges negative and payments positive", () => {
    const { document } = transformCreditCardStatement([
      handPage(0, [
        { text: "Statement period 03/01/2024 - 03/31/2024", box: [0.06, 0.05, 0.6, 0.07] },
        {
          category: "table",
          text: table(["Trans. Date", "Details", "Amount"], [["03/02", "GROCER", "-40.00"], ["03/05", "FUEL STOP", "-60.00"], ["03/09", "ONLINE PAYMENT THANK YOU", "100.00"]]),
          box: [0.06, 0.1, 0.95, 0.2],
        },
      ]),
    ]);
    expect((plainField(document as never, "transactions") as Array<{ amount: string; type: string }>).map((t) => [t.type, t.amount])).toEqual([
      ["purchase", "40.00"],
      ["purchase", "60.00"],
      ["payment", "-100.00"],
    ]);
  });
});
