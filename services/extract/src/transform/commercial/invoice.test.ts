import { FieldStatus, Severity } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { handPage, plainField } from "../../../test-support/commercial-layout-fixture.js";
import { transformInvoice } from "./invoice.js";

const table = (header: string[], rows: string[][]) =>
  `<table><thead><tr>${header.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;

/** Vendor block first, "Invoice No." with ISO dates, bill-to on the right, discount/tax/shipping and a deposit. */
function isoInvoice() {
  return [
    handPage(0, [
      { text: "Northgate Supply Co.\n400 Harbor Blvd, Suite 9\nOakland, CA 94607\nTel 510-555-0134\nbilling@northgate.example", box: [0.06, 0.04, 0.4, 0.13] },
      { category: "title", text: "INVOICE", box: [0.7, 0.04, 0.95, 0.07] },
      { text: "Invoice No.: A-1043\nDate: 2024-01-31\nDue: 2024-03-01\nPO Number: 7781\nTerms: Net 30", box: [0.62, 0.08, 0.95, 0.16] },
      { text: "Bill To:\nHarbor Cafe LLC\n12 Pier Rd\nSausalito, CA 94965", box: [0.06, 0.18, 0.4, 0.25] },
      { text: "Ship To:\nHarbor Cafe Warehouse\n99 Dock St\nRichmond, CA 94801", box: [0.5, 0.18, 0.9, 0.25] },
      {
        category: "table",
        text: table(["Item #", "Description", "Qty", "Rate", "Amount"], [
          ["CF-100", "Espresso beans, 5 lb bag", "10", "60.00", "600.00"],
          ["MG-12", "Ceramic mugs (case of 12)", "4", "100.00", "400.00"],
        ]),
        box: [0.06, 0.28, 0.95, 0.38],
      },
      {
        text: "Subtotal: 1,000.00\nDiscount (10%): -100.00\nSales Tax 8%: 72.00\nShipping: 15.00\nTotal: 987.00\nAmount Paid: 487.00\nBalance Due: 500.00",
        box: [0.6, 0.4, 0.95, 0.55],
      },
    ]),
  ];
}

describe("transformInvoice", () => {
  it("reads an invoice in another wording and order", () => {
    const { document, issues } = transformInvoice(isoInvoice());
    const get = (k: string) => plainField(document as never, k);
    expect(get("invoice_id")).toBe("A-1043");
    expect(get("invoice_date")).toBe("2024-01-31");
    expect(get("due_date")).toBe("2024-03-01");
    expect(get("purchase_order")).toBe("7781");
    expect(get("payment_terms")).toBe("Net 30");
    expect(get("currency")).toBe("USD");
    expect(get("vendor_name")).toBe("Northgate Supply Co.");
    expect(get("vendor_address")).toEqual({ street: "400 Harbor Blvd, Suite 9", city: "Oakland", state: "CA", postal_code: "94607" });
    expect(get("vendor_phone")).toBe("510-555-0134");
    expect(get("vendor_email")).toBe("billing@northgate.example");
    expect(get("customer_name")).toBe("Harbor Cafe LLC");
    expect(get("customer_address")).toEqual({ street: "12 Pier Rd", city: "Sausalito", state: "CA", postal_code: "94965" });
    expect(get("ship_to_address")).toEqual({ street: "99 Dock St", city: "Richmond", state: "CA", postal_code: "94801" });
    expect(get("subtotal")).toBe("1000.00");
    expect(get("total_discount")).toBe("100.00");
    expect(get("total_tax")).toBe("72.00");
    expect(get("tax_rate")).toBe("8");
    expect(get("shipping_handling")).toBe("15.00");
    expect(get("invoice_total")).toBe("987.00");
    expect(get("amount_paid")).toBe("487.00");
    expect(get("amount_due")).toBe("500.00");
    expect(get("line_items")).toEqual([
      { description: "Espresso beans, 5 lb bag", quantity: "10", unit_price: "60.00", amount: "600.00", product_code: "CF-100" },
      { description: "Ceramic mugs (case of 12)", quantity: "4", unit_price: "100.00", amount: "400.00", product_code: "MG-12" },
    ]);
    expect(issues).toEqual([]);
  });

  it("never reads the word 'Invoice' as the number and prefers the total that the summary explains", () => {
    const { document } = transformInvoice([
      handPage(0, [
        { category: "title", text: "INVOICE", box: [0.06, 0.03, 0.4, 0.06] },
        { text: "Invoice Date: 03/15/2024\nInvoice #: 2024-0077", box: [0.6, 0.03, 0.95, 0.06] },
        { text: "Subtotal $90.00\nTax $10.00\nTotal $100.00", box: [0.6, 0.4, 0.95, 0.46] },
        { category: "table", text: "<table><tr><td>Discount</td><td></td></tr><tr><td>Amount Paid</td><td>$0.00</td></tr></table>", box: [0.6, 0.47, 0.95, 0.5] },
      ]),
    ]);
    expect(document.totalDiscount?.meta?.status).toBe(FieldStatus.BLANK);
    expect(document.shippingHandling?.meta?.status).toBe(FieldStatus.NOT_FOUND);
    expect(document.invoiceId?.value).toBe("2024-0077");
    expect(plainField(document as never, "invoice_total")).toBe("100.00");
    expect(plainField(document as never, "subtotal")).toBe("90.00");
  });

  it("reads euro amounts with European separators and sets the currency", () => {
    const { document } = transformInvoice([
      handPage(0, [
        { text: "Rechnungsnummer: RE-2024-118\nRechnungsdatum: 15.03.2024", box: [0.6, 0.05, 0.95, 0.09] },
        { category: "table", text: table(["Beschreibung", "Menge", "Einzelpreis", "Betrag"], [["Beratung", "2", "€ 617,28", "€ 1.234,56"]]), box: [0.06, 0.3, 0.95, 0.36] },
        { text: "Zwischensumme € 1.234,56\nMwSt 19% € 234,57\nGesamtbetrag € 1.469,13", box: [0.6, 0.4, 0.95, 0.46] },
      ]),
    ]);
    const get = (k: string) => plainField(document as never, k);
    expect(get("invoice_id")).toBe("RE-2024-118");
    expect(get("currency")).toBe("EUR");
    expect(get("subtotal")).toBe("1234.56");
    expect(get("total_tax")).toBe("234.57");
    expect(get("invoice_total")).toBe("1469.13");
    expect(document.invoiceTotal?.value?.currencyCode).toBe("EUR");
    expect((get("line_items") as Array<{ amount: string }>)[0]!.amount).toBe("1234.56");
  });

  it("reads bill-to and ship-to printed as a table, and a total labelled 'Total Due'", () => {
    const { document } = transformInvoice([
      handPage(0, [
        { category: "title", text: "# Invoice", box: [0.06, 0.03, 0.3, 0.06] },
        { text: "Blue Fern Studio\n77 Canal St\nPortland, ME 04101\nhello@bluefern.example", box: [0.6, 0.03, 0.95, 0.1] },
        { text: "Invoice Number: 2024-118\nIssued: March 3, 2024", box: [0.06, 0.1, 0.4, 0.13] },
        {
          category: "table",
          text: "<table><thead><tr><th>Bill To</th><th>Ship To</th></tr></thead><tbody><tr><td>Orchard Dental PC 15 Apple Way Bangor, ME 04401</td><td>Orchard Dental Annex 9 Pear Ct Bangor, ME 04402</td></tr></tbody></table>",
          box: [0.06, 0.15, 0.95, 0.22],
        },
        { category: "table", text: table(["Service", "Hours", "Rate", "Amount"], [["Logo design", "6", "$85.00", "$510.00"]]), box: [0.06, 0.25, 0.95, 0.3] },
        { text: "TOTAL DUE $510.00", box: [0.6, 0.32, 0.95, 0.34] },
      ]),
    ]);
    const get = (k: string) => plainField(document as never, k);
    expect(get("vendor_name")).toBe("Blue Fern Studio");
    expect(get("vendor_email")).toBe("hello@bluefern.example");
    expect(get("customer_name")).toBe("Orchard Dental PC");
    expect(get("customer_address")).toEqual({ street: "15 Apple Way", city: "Bangor", state: "ME", postal_code: "04401" });
    expect(get("ship_to_address")).toEqual({ street: "9 Pear Ct", city: "Bangor", state: "ME", postal_code: "04402" });
    expect(get("invoice_date")).toBe("2024-03-03");
    expect(get("invoice_total")).toBe("510.00");
    expect(get("amount_due")).toBe("510.00");
    expect(get("line_items")).toEqual([{ description: "Logo design", quantity: "6", unit_price: "85.00", amount: "510.00", product_code: null }]);
  });

  it("flags totals that do not add up", () => {
    const pages = isoInvoice();
    pages[0]!.elements[6]!.text = pages[0]!.elements[6]!.text.replace("Total: 987.00", "Total: 997.00");
    const { issues } = transformInvoice(pages);
    expect(issues.find((i) => i.code === "invoice.total_equation")?.severity).toBe(Severity.ERROR);
  });
});
