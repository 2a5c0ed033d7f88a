import { Severity } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { failedPage, handPage, plainField } from "../../../test-support/commercial-layout-fixture.js";
import { transformBankStatement } from "./bank-statement.js";

const table = (header: string[] | null, rows: string[][]) =>
  `<table>${header ? `<thead><tr>${header.map((h) => `<th>${h}</th>`).join("")}</tr></thead>` : ""}<tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;

/** A national-bank layout: debit/credit columns without signs, ISO statement date, a continuation page without a header. */
function debitCreditStatement() {
  const page1 = handPage(0, [
    { category: "title", text: "# Riverside National Bank, N.A.", box: [0.06, 0.03, 0.5, 0.06] },
    { text: "PO Box 1200, Columbus, OH 43216\nCustomer Service: (800) 555-0199", box: [0.06, 0.065, 0.5, 0.1] },
    { text: "JOHN Q PUBLIC\n123 MAIN ST APT 4\nSPRINGFIELD, IL 62701", box: [0.06, 0.13, 0.35, 0.19] },
    { text: "Account number: ****6789\nStatement date: 2024-02-29\nFor the period Feb 1, 2024 to Feb 29, 2024", box: [0.6, 0.13, 0.95, 0.19] },
    { category: "section", text: "## EVERYDAY CHECKING", box: [0.06, 0.21, 0.4, 0.23] },
    {
      category: "table",
      text: table(["Summary", "Amount"], [
        ["Opening balance", "$1,250.00"],
        ["Deposits and additions (2)", "$3,000.00"],
        ["Electronic withdrawals", "$1,175.50"],
        ["Closing balance", "$3,074.50"],
      ]),
      box: [0.06, 0.24, 0.6, 0.34],
    },
    {
      category: "table",
      text: table(["Posting Date", "Description", "Debits", "Credits", "Balance"], [
        ["02/02", "Card purchase STARBUCKS 1234", "25.50", "", "1,224.50"],
        ["02/05", "PAYROLL ACME CORP", "", "2,500.00", "3,724.50"],
        ["02/09", "CHECK 1042", "1,000.00", "", "2,724.50"],
      ]),
      box: [0.06, 0.36, 0.95, 0.5],
    },
  ]);
  const page2 = handPage(1, [
    { category: "header", text: "Riverside National Bank, N.A. | Account ****6789 | Page 2 of 2", box: [0.06, 0.02, 0.9, 0.04] },
    {
      category: "table",
      text: table(null, [
        ["02/15", "MOBILE DEPOSIT", "", "500.00", "3,224.50"],
        ["02/27", "ONLINE TRANSFER TO SAVINGS", "150.00", "", "3,074.50"],
      ]),
      box: [0.06, 0.06, 0.95, 0.12],
    },
    { text: "Pending transactions $99.00", box: [0.06, 0.14, 0.5, 0.16] },
  ]);
  return [page1, page2];
}

describe("transformBankStatement", () => {
  it("reads a debit/credit-column statement in another wording", () => {
    const { document, issues } = transformBankStatement(debitCreditStatement());
    const get = (k: string) => plainField(document as never, k);
    expect(get("bank_name")).toBe("Riverside National Bank, N.A.");
    expect(get("bank_address")).toEqual({ street: "PO Box 1200", city: "Columbus", state: "OH", postal_code: "43216" });
    expect(get("bank_phone")).toBe("(800) 555-0199");
    expect(get("account_holder_name")).toBe("JOHN Q PUBLIC");
    expect(get("account_number")).toEqual({ last4: "6789", truncated: true });
    expect(get("account_type")).toBe("Everyday Checking");
    expect(get("statement_date")).toBe("2024-02-29");
    expect(get("period_start")).toBe("2024-02-01");
    expect(get("period_end")).toBe("2024-02-29");
    expect(get("beginning_balance")).toBe("1250.00");
    expect(get("ending_balance")).toBe("3074.50");
    expect(get("total_deposits")).toBe("3000.00");
    expect(get("total_withdrawals")).toBe("1175.50");
    expect(get("deposits_count")).toBe(2);
    const tx = get("transactions") as Array<Record<string, unknown>>;
    expect(tx.map((t) => t.amount)).toEqual(["-25.50", "2500.00", "-1000.00", "500.00", "-150.00"]);
    expect(tx.map((t) => t.date)).toEqual(["2024-02-02", "2024-02-05", "2024-02-09", "2024-02-15", "2024-02-27"]);
    expect(tx[0]!.description).toBe("Card purchase STARBUCKS 1234");
    expect(issues.filter((i) => i.severity === Severity.ERROR)).toEqual([]);
  });

  it("never takes the bank name from a transaction nor the ending balance from a pending line", () => {
    const pages = debitCreditStatement();
    const { document } = transformBankStatement(pages);
    expect(document.bankName?.value).not.toMatch(/chase/i);
    expect(document.endingBalance?.value?.units).toBe(3074n);
  });

  it("signs amounts from section titles when a statement lists deposits and withdrawals apart", () => {
    const { document, issues } = transformBankStatement([
      handPage(0, [
        { category: "title", text: "Lakeside Credit Union", box: [0.06, 0.03, 0.5, 0.06] },
        { text: "Statement Period: 01/01/2024 - 01/31/2024", box: [0.6, 0.03, 0.95, 0.05] },
        { text: "Beginning Balance $5,000.00\nEnding Balance $5,400.00", box: [0.06, 0.1, 0.5, 0.14] },
        { category: "section", text: "DEPOSITS AND ADDITIONS", box: [0.06, 0.2, 0.5, 0.22] },
        { category: "table", text: table(["Date", "Description", "Amount"], [["01/03", "Payroll", "1,000.00"], ["01/17", "Transfer from savings", "200.00"]]), box: [0.06, 0.23, 0.95, 0.3] },
        { category: "section", text: "ELECTRONIC WITHDRAWALS", box: [0.06, 0.32, 0.5, 0.34] },
        { category: "table", text: table(["Date", "Description", "Amount"], [["01/09", "Electric company", "300.00"], ["01/22", "Insurance premium", "500.00"]]), box: [0.06, 0.35, 0.95, 0.42] },
      ]),
    ]);
    expect((plainField(document as never, "transactions") as Array<{ amount: string }>).map((t) => t.amount)).toEqual(["1000.00", "200.00", "-300.00", "-500.00"]);
    expect(issues.filter((i) => i.severity === Severity.ERROR)).toEqual([]);
  });

  it("signs unsigned single-column amounts from the running balance in OCR text lines", () => {
    const { document } = transformBankStatement([
      handPage(0, [
        { text: "Summit Savings Bank", box: [0.06, 0.03, 0.4, 0.05], confidence: 0.9 },
        { text: "Statement Period December 16, 2023 through January 15, 2024", box: [0.06, 0.06, 0.8, 0.08], confidence: 0.9 },
        { text: "Previous Balance 1,000.00", box: [0.06, 0.1, 0.5, 0.12], confidence: 0.9 },
        {
          text: "12/20 GROCERY STORE 45.10 954.90\n12/28 PAYROLL DEPOSIT 1,500.00 2,454.90\n01/04 RENT PAYMENT 1,200.00 1,254.90",
          box: [0.06, 0.2, 0.95, 0.3],
          confidence: 0.88,
        },
        { text: "New Balance 1,254.90", box: [0.06, 0.32, 0.5, 0.34], confidence: 0.9 },
      ]),
    ]);
    const tx = plainField(document as never, "transactions") as Array<{ amount: string; date: string }>;
    expect(tx.map((t) => t.amount)).toEqual(["-45.10", "1500.00", "-1200.00"]);
    expect(tx.map((t) => t.date)).toEqual(["2023-12-20", "2023-12-28", "2024-01-04"]);
    expect(document.transactions[0]!.amount!.meta!.confidence).toBeLessThan(0.95);
  });

  it("takes the bank name from the footer when the header only has a logo and the account type", () => {
    const { document, issues } = transformBankStatement([
      handPage(0, [
        { category: "picture", box: [0.05, 0.02, 0.12, 0.06] },
        { text: "Everyday Checking\nAccount number: 1234567890\nFebruary 1, 2024 - February 29, 2024 ■ Page 1 of 2", box: [0.14, 0.02, 0.6, 0.07] },
        { text: "Questions?\nAvailable by phone 24 hours a day, 7 days a week:\n1-800-TO-WELLS (1-800-869-3557)", box: [0.62, 0.02, 0.95, 0.08] },
        { text: "JANE DOE\n742 EVERGREEN TER\nSPRINGFIELD OR 97477", box: [0.06, 0.1, 0.4, 0.15] },
        { text: "Beginning balance on 2/1 $1,234.56\nDeposits/Additions 3,000.00\nWithdrawals/Subtractions - 1,000.00\nEnding balance on 2/29 $3,234.56", box: [0.06, 0.23, 0.5, 0.3] },
        {
          category: "table",
          text: table(["Date", "Check Number", "Description", "Deposits/ Additions", "Withdrawals/ Subtractions", "Ending daily balance"], [
            ["2/5", "", "Online Transfer From Savings", "3,000.00", "", "4,234.56"],
            ["2/12", "1201", "Check", "", "400.00", ""],
            ["2/12", "", "Purchase authorized on 02/10 Safeway", "", "600.00", "3,234.56"],
            ["", "", "Ending balance on 2/29", "", "", "3,234.56"],
            ["", "", "Totals", "$3,000.00", "$1,000.00", ""],
          ]),
          box: [0.06, 0.36, 0.95, 0.5],
        },
        { category: "footer", text: "Wells Fargo Bank, N.A. Member FDIC", box: [0.06, 0.95, 0.5, 0.97] },
      ]),
    ]);
    const get = (k: string) => plainField(document as never, k);
    expect(get("bank_name")).toBe("Wells Fargo Bank, N.A.");
    expect(get("bank_phone")).toBe("1-800-869-3557");
    expect(get("account_type")).toBe("Everyday Checking");
    expect([get("beginning_balance"), get("total_deposits"), get("total_withdrawals"), get("ending_balance")]).toEqual(["1234.56", "3000.00", "1000.00", "3234.56"]);
    expect((get("transactions") as Array<{ description: string; amount: string }>).map((t) => [t.description, t.amount])).toEqual([
      ["Online Transfer From Savings", "3000.00"],
      ["Check 1201", "-400.00"],
      ["Purchase authorized on 02/10 Safeway", "-600.00"],
    ]);
    expect(issues).toEqual([]);
  });

  it("reads CR/DR markers and printed plus signs as bank credits and debits", () => {
    const { document } = transformBankStatement([
      handPage(0, [
        { text: "Statement Period 04/01/2024 - 04/30/2024", box: [0.06, 0.02, 0.6, 0.04] },
        { text: "04/02 WIRE IN 500.00 CR\n04/03 SERVICE FEE 5.00 DR\n04/09 REFUND +12.00\n04/10 POS GROCER -30.00", box: [0.06, 0.1, 0.9, 0.2] },
      ]),
    ]);
    expect((plainField(document as never, "transactions") as Array<{ amount: string }>).map((t) => t.amount)).toEqual(["500.00", "-5.00", "12.00", "-30.00"]);
  });

  it("skips failed pages and reports not-found fields with meta", () => {
    const { document } = transformBankStatement([failedPage(0)]);
    expect(document.transactions).toEqual([]);
    expect(document.bankName?.meta?.status).toBe(3);
    expect(document.endingBalance?.meta?.status).toBe(3);
  });

  it("flags a statement whose transactions do not roll the balance forward", () => {
    const { issues } = transformBankStatement([
      handPage(0, [
        { text: "Beginning Balance $100.00\nEnding Balance $150.00", box: [0.06, 0.1, 0.5, 0.14] },
        { category: "table", text: table(["Date", "Description", "Amount"], [["03/01", "Deposit", "+20.00"]]), box: [0.06, 0.2, 0.9, 0.3] },
        { text: "Statement Period 03/01/2024 - 03/31/2024", box: [0.06, 0.02, 0.5, 0.04] },
      ]),
    ]);
    const rollforward = issues.find((i) => i.code === "bank.balance_rollforward");
    expect(rollforward?.severity).toBe(Severity.ERROR);
    expect(rollforward?.expected).toBe("120.00");
    expect(rollforward?.actual).toBe("150.00");
  });
});
