import { describe, expect, it } from "vitest";
import { handPage, plainField } from "../../../test-support/commercial-layout-fixture.js";
import { transformOther } from "./other.js";

describe("transformOther", () => {
  it("reads a pay stub with Current and YTD columns", () => {
    const { document } = transformOther([
      handPage(0, [
        { text: "Brookside Logistics Inc\n900 Commerce Dr\nReno, NV 89502", box: [0.06, 0.03, 0.4, 0.09] },
        { category: "title", text: "PAY STUB", box: [0.7, 0.03, 0.95, 0.06] },
        { text: "Employee: Jane Q. Doe\nPay Period: 01/01/2024 - 01/15/2024\nCheck Date: 01/19/2024\nSSN: 123-45-6789", box: [0.06, 0.12, 0.6, 0.18] },
        {
          category: "table",
          text: "<table><thead><tr><th>Earnings</th><th>Hours</th><th>Current</th><th>YTD</th></tr></thead><tbody><tr><td>Regular</td><td>80</td><td>2,500.00</td><td>2,500.00</td></tr><tr><td>Gross Pay</td><td></td><td>2,500.00</td><td>25,000.00</td></tr></tbody></table>",
          box: [0.06, 0.2, 0.95, 0.3],
        },
        { text: "Net Pay 1,850.00", box: [0.6, 0.32, 0.95, 0.34] },
        { text: "Direct deposit to account 000123456789", box: [0.06, 0.36, 0.7, 0.38] },
      ]),
    ]);
    const get = (k: string) => plainField(document as never, k);
    expect(get("subtype")).toBe("pay_stub");
    expect(get("title")).toBe("PAY STUB");
    expect(get("employer_name")).toBe("Brookside Logistics Inc");
    expect(get("employee_name")).toBe("Jane Q. Doe");
    expect(get("pay_date")).toBe("2024-01-19");
    expect(get("period_start")).toBe("2024-01-01");
    expect(get("period_end")).toBe("2024-01-15");
    expect(get("gross_pay")).toBe("2500.00");
    expect(get("ytd_gross_pay")).toBe("25000.00");
    expect(get("net_pay")).toBe("1850.00");
    const keys = document.keyValues.map((kv) => kv.key);
    expect(keys).toEqual(expect.arrayContaining(["Employee", "Pay Period", "Check Date", "SSN"]));
    const json = JSON.stringify(document, (_k, v) => (typeof v === "bigint" ? String(v) : v));
    expect(json).not.toContain("123-45-6789");
    expect(json).not.toContain("000123456789");
  });

  it("recognises a letter and reads its title", () => {
    const { document } = transformOther([
      handPage(0, [
        { category: "title", text: "Notice of Change in Terms", box: [0.1, 0.05, 0.9, 0.08] },
        { text: "Dear Customer,\nWe are writing to let you know about changes to your account.\nSincerely,\nThe Service Team", box: [0.1, 0.1, 0.9, 0.4] },
      ]),
    ]);
    expect(plainField(document as never, "subtype")).toBe("letter");
    expect(plainField(document as never, "title")).toBe("Notice of Change in Terms");
    expect(document.grossPay?.meta?.status).toBe(3);
  });

  it("reads utility bill fields with the account number masked", () => {
    const { document } = transformOther([
      handPage(0, [
        { text: "Metro Water & Power\nPO Box 500, Tulsa, OK 74101", box: [0.06, 0.03, 0.5, 0.07] },
        { text: "Account #: 7788-991-2201\nBill Date: Apr 2, 2024\nDue By: Apr 23, 2024", box: [0.6, 0.03, 0.95, 0.08] },
        { text: "LEE CHEN\n14 ELM ST\nTULSA, OK 74103", box: [0.06, 0.1, 0.4, 0.15] },
        { text: "Service Location: 14 Elm St, Tulsa, OK 74103\nService Period: 03/01/2024 to 03/31/2024\nWater usage 4,500 gallons, meter 8812", box: [0.06, 0.18, 0.8, 0.23] },
        { text: "New Charges $88.20\nAmount Due $120.45", box: [0.6, 0.25, 0.95, 0.28] },
      ]),
    ]);
    const get = (k: string) => plainField(document as never, k);
    expect(get("subtype")).toBe("utility_bill");
    expect(get("provider_name")).toBe("Metro Water & Power");
    expect(get("customer_name")).toBe("LEE CHEN");
    expect(get("account_number")).toEqual({ last4: "2201", truncated: false });
    expect(get("service_address")).toEqual({ street: "14 Elm St", city: "Tulsa", state: "OK", postal_code: "74103" });
    expect(get("statement_date")).toBe("2024-04-02");
    expect(get("due_date")).toBe("2024-04-23");
    expect(get("period_start")).toBe("2024-03-01");
    expect(get("amount_due")).toBe("120.45");
    expect(get("current_charges")).toBe("88.20");
    expect(JSON.stringify(document, (_k, v) => (typeof v === "bigint" ? String(v) : v)).replace(/[\s-]/g, "")).not.toContain("77889912201");
  });
});
