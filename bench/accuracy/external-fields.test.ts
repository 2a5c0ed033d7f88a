import { describe, expect, it } from "vitest";
import { scoreExternalInvoice } from "./external-fields.js";

const predicted = {
  invoice: {
    invoice_id: { value: "#BLR_1" },
    invoice_date: { value: { year: 2015, month: 10, day: 20 } },
    invoice_total: { value: { currency_code: "INR", units: "319", nanos: 0 } },
    vendor_name: { value: "WS Retail Services Pvt. Ltd." },
    currency: { value: "USD" },
  },
};

describe("scoreExternalInvoice", () => {
  it("maps the source labels to Invoice fields and accepts the listed alternatives", () => {
    const { counts, byField } = scoreExternalInvoice(
      { invoice_number: "BLR_1", issue_date: "2015-10-20", total: 319.0, currency: "INR", vendor_name: "Flipkart", subtotal: 300 },
      { invoice_number: ["#BLR_1"], vendor_name: ["WS Retail Services Pvt. Ltd."] },
      predicted,
    );
    expect(byField["invoice_id"]).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(byField["invoice_date"]).toMatchObject({ tp: 1 });
    expect(byField["invoice_total"]).toMatchObject({ tp: 1 });
    expect(byField["vendor_name"]).toMatchObject({ tp: 1 });
    expect(byField["currency"]).toMatchObject({ tp: 0, fp: 1, fn: 1 });
    expect(byField["subtotal"]).toMatchObject({ tp: 0, fp: 0, fn: 1 });
    expect(counts).toMatchObject({ tp: 4, fp: 1, fn: 2 });
  });

  it("scores every label as missing when the document was read as another type", () => {
    const { counts } = scoreExternalInvoice({ invoice_number: "1", total: 2 }, {}, { receipt: {} });
    expect(counts).toMatchObject({ tp: 0, fp: 0, fn: 2 });
  });
});
