import { PaymentMethod } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import { FieldStatus } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { handPage, plainField } from "../../../test-support/commercial-layout-fixture.js";
import { transformReceipt } from "./receipt.js";

/** A grocery receipt printed as OCR lines: weighed items, "2 @ 3.99" quantities, a debit tender. */
function groceryReceipt() {
  return [
    handPage(
      0,
      [
        { text: "WELCOME TO HILLTOP MARKET", box: [0.15, 0.02, 0.85, 0.04], confidence: 0.93 },
        { text: "88 Valley Rd\nBoulder, CO 80302\n(303) 555-0177", box: [0.25, 0.05, 0.75, 0.1], confidence: 0.92 },
        { text: "03/05/24 2:22 PM\nTRANS # 55120", box: [0.05, 0.12, 0.6, 0.15], confidence: 0.9 },
        {
          text: [
            "BANANAS",
            "2.04 lb @ 0.59 /lb 1.20",
            "MILK 1GAL 2 @ 3.99 7.98",
            "3 YOGURT CUP 3.00",
            "BREAD WHEAT F 2.79",
            "COUPON BREAD -0.50",
          ].join("\n"),
          box: [0.05, 0.17, 0.95, 0.35],
          confidence: 0.9,
        },
        { text: "SUBTOTAL 14.47\nTAX 7.000 % 1.01\nTOTAL 15.48", box: [0.05, 0.37, 0.95, 0.43], confidence: 0.9 },
        { text: "US DEBIT ************5678 15.48\nCHANGE DUE 0.00", box: [0.05, 0.45, 0.95, 0.49], confidence: 0.9 },
      ],
      625,
      1100,
    ),
  ];
}

describe("transformReceipt", () => {
  it("reads quantity forms, weighed items, totals and a debit tender", () => {
    const { document, issues } = transformReceipt(groceryReceipt());
    const get = (k: string) => plainField(document as never, k);
    expect(get("merchant_name")).toBe("HILLTOP MARKET");
    expect(get("merchant_address")).toEqual({ street: "88 Valley Rd", city: "Boulder", state: "CO", postal_code: "80302" });
    expect(get("merchant_phone")).toBe("(303) 555-0177");
    expect(get("transaction_date")).toBe("2024-03-05");
    expect(get("transaction_time")).toBe("14:22");
    expect(get("receipt_number")).toBe("55120");
    expect(get("line_items")).toEqual([
      { description: "BANANAS", quantity: "2.04", unit_price: "0.59", amount: "1.20", product_code: null },
      { description: "MILK 1GAL", quantity: "2", unit_price: "3.99", amount: "7.98", product_code: null },
      { description: "YOGURT CUP", quantity: "3", unit_price: "1.00", amount: "3.00", product_code: null },
      { description: "BREAD WHEAT", quantity: "1", unit_price: "2.79", amount: "2.79", product_code: null },
      { description: "COUPON BREAD", quantity: "1", unit_price: "-0.50", amount: "-0.50", product_code: null },
    ]);
    expect(get("subtotal")).toBe("14.47");
    expect(get("total_tax")).toBe("1.01");
    expect(get("tax_rate")).toBe("7.000");
    expect(get("total")).toBe("15.48");
    expect(document.paymentMethod).toBe(PaymentMethod.DEBIT_CARD);
    expect(get("card_last4")).toBe("5678");
    expect(issues).toEqual([]);
  });

  it("reads a restaurant check with a leading quantity column, a tip and a card brand", () => {
    const { document, issues } = transformReceipt([
      handPage(0, [
        { category: "title", text: "# THE CORNER BISTRO", box: [0.2, 0.02, 0.8, 0.05] },
        { text: "Server: Dana  Table 12\nJan 31, 2024 7:45 PM\nOrder #A-4412", box: [0.05, 0.08, 0.9, 0.13] },
        { category: "table", text: "<table><tr><td>2</td><td>HOUSE SALAD</td><td>18.00</td></tr><tr><td>1</td><td>PASTA</td><td>16.50</td></tr></table>", box: [0.05, 0.15, 0.95, 0.22] },
        { category: "table", text: "<table><tr><td>Subtotal</td><td>34.50</td></tr><tr><td>Sales Tax</td><td>2.76</td></tr><tr><td>Gratuity</td><td>6.90</td></tr><tr><td>Total</td><td>44.16</td></tr></table>", box: [0.05, 0.24, 0.95, 0.32] },
        { text: "AMEX ending in 3001", box: [0.05, 0.34, 0.6, 0.36] },
      ]),
    ]);
    const get = (k: string) => plainField(document as never, k);
    expect(get("merchant_name")).toBe("THE CORNER BISTRO");
    expect(get("transaction_time")).toBe("19:45");
    expect(get("receipt_number")).toBe("A-4412");
    expect((get("line_items") as Array<Record<string, string>>).map((i) => [i.description, i.quantity, i.unit_price])).toEqual([
      ["HOUSE SALAD", "2", "9.00"],
      ["PASTA", "1", "16.50"],
    ]);
    expect(get("tip")).toBe("6.90");
    expect(get("total")).toBe("44.16");
    expect(document.paymentMethod).toBe(PaymentMethod.CREDIT_CARD);
    expect(get("card_brand")).toBe("AMEX");
    expect(get("card_last4")).toBe("3001");
    expect(issues).toEqual([]);
  });

  it("reads cash tendered and change", () => {
    const { document, issues } = transformReceipt([
      handPage(0, [
        { text: "CORNER DELI", box: [0.3, 0.02, 0.7, 0.04] },
        { text: "SANDWICH 8.50\nSODA 1.50\nSUBTOTAL 10.00\nTAX 0.80\nTIP ________\nTOTAL 10.80\nCASH 20.00\nCHANGE 9.20", box: [0.05, 0.1, 0.95, 0.3] },
      ]),
    ]);
    expect(document.tip?.meta?.status).toBe(FieldStatus.BLANK);
    expect(document.tip?.value).toBeUndefined();
    expect(document.paymentMethod).toBe(PaymentMethod.CASH);
    expect(plainField(document as never, "amount_tendered")).toBe("20.00");
    expect(plainField(document as never, "change_due")).toBe("9.20");
    expect(issues).toEqual([]);
  });
});
