import { Form1098Schema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import { CheckState, FieldStatus } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { page, text } from "../../test-support/hand-layout.js";
import { loadTaxFixture } from "../../test-support/tax-layout-fixture.js";
import { jsonText, truthMismatches, truthSsns } from "../../test-support/tax-truth.js";
import { dateToIso } from "../fields/dates.js";
import { moneyToDecimal } from "../fields/money.js";
import { transform1098 } from "./form-1098.js";

const dec = (f: { value?: Parameters<typeof moneyToDecimal>[0] } | undefined) => (f?.value ? moneyToDecimal(f.value) : undefined);

describe("transform1098", () => {
  it.each(["vis-1098-01", "vis-1098-02", "vis-1098-03"])("reads every truth field of %s", (id) => {
    const { pages, truth } = loadTaxFixture(id);
    const { document, issues } = transform1098(pages);
    expect(truthMismatches(document as unknown as Record<string, unknown>, truth)).toEqual([]);
    expect(issues).toEqual([]);
    const json = jsonText(Form1098Schema, document);
    for (const ssn of truthSsns(truth)) expect(json).not.toContain(ssn);
  });

  it("reads boxes printed as separate label and value elements, ISO dates and several box 10 lines", () => {
    const pages = [
      page([
        text("LENDER'S name and address", [0.05, 0.05, 0.3, 0.07]),
        text("Summit Ridge Lending Corp.\n566 Pine Street\nBeaverton, OR 97043", [0.05, 0.075, 0.3, 0.12]),
        text("1 Mortgage interest received from borrower", [0.4, 0.05, 0.7, 0.07]),
        text("13903.97", [0.4, 0.075, 0.5, 0.09]),
        text("3 Mortgage origination date", [0.72, 0.05, 0.9, 0.07]),
        text("2014-06-11", [0.72, 0.075, 0.8, 0.09]),
        text("8 Address or description of property securing mortgage", [0.4, 0.2, 0.7, 0.22]),
        text("397 Pine Road\nHartford, CT 06125", [0.4, 0.225, 0.6, 0.26]),
        text("9 Number of properties securing the mortgage", [0.05, 0.3, 0.35, 0.32]),
        text("2", [0.05, 0.325, 0.07, 0.34]),
        text("10 Other\n\nReal estate taxes $ 3,100.00\nHOA 120.00", [0.4, 0.3, 0.7, 0.36]),
      ]),
    ];
    const { document } = transform1098(pages);
    expect(document.lenderName?.value).toBe("Summit Ridge Lending Corp.");
    expect(document.lenderAddress?.value).toMatchObject({ locality: "Beaverton", postalCode: "97043" });
    expect(dec(document.box1MortgageInterest)).toBe("13903.97");
    expect(document.box3OriginationDate?.value && dateToIso(document.box3OriginationDate.value)).toBe("2014-06-11");
    expect(document.box8PropertyAddress?.value).toMatchObject({ addressLines: ["397 Pine Road"], locality: "Hartford", postalCode: "06125" });
    expect(document.box9NumberOfProperties?.value).toBe(2n);
    expect(document.box10Other.map((o) => [o.label?.value, dec(o.amount)])).toEqual([
      ["Real estate taxes", "3100.00"],
      ["HOA", "120.00"],
    ]);
    expect(document.box7PropertyAddressSame?.meta?.status).toBe(FieldStatus.NOT_FOUND);
    expect(document.box7PropertyAddressSame?.value).toBe(CheckState.UNSPECIFIED);
  });

  it("keeps a property description that is not an address as raw text", () => {
    const { document } = transform1098([page([text("8 Address or description of property securing mortgage\n\nLot 7, Block 3, Pine Acres", [0.4, 0.2, 0.7, 0.25])])]);
    expect(document.box8PropertyAddress?.meta).toMatchObject({ status: FieldStatus.ILLEGIBLE, rawText: "Lot 7, Block 3, Pine Acres" });
  });
});
