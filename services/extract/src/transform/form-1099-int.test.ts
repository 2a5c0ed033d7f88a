import { Form1099IntSchema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import { CheckState, FieldStatus } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { page, table, text } from "../../test-support/hand-layout.js";
import { loadTaxFixture } from "../../test-support/tax-layout-fixture.js";
import { jsonText, truthMismatches, truthSsns } from "../../test-support/tax-truth.js";
import { moneyToDecimal } from "../fields/money.js";
import { transform1099Int } from "./form-1099-int.js";

const dec = (f: { value?: Parameters<typeof moneyToDecimal>[0] } | undefined) => (f?.value ? moneyToDecimal(f.value) : undefined);

describe("transform1099Int", () => {
  it.each(["vis-1099-int-01", "vis-1099-int-03"])("reads every truth field of %s", (id) => {
    const { pages, truth } = loadTaxFixture(id);
    const { document, issues } = transform1099Int(pages);
    expect(truthMismatches(document as unknown as Record<string, unknown>, truth)).toEqual([]);
    expect(issues).toEqual([]);
    const json = jsonText(Form1099IntSchema, document);
    for (const ssn of truthSsns(truth)) expect(json).not.toContain(ssn);
    expect(json).not.toMatch(/\b\d{3}-\d{2}-\d{4}\b/);
  });

  it("reads a layout with other wordings, columns in another order and a masked recipient TIN", () => {
    const pages = [
      page([
        text("Form 1099-INT Interest Income — Tax Year 2024", [0.05, 0.02, 0.7, 0.04]),
        table(
          [
            ["Box", "Description", "Amount"],
            ["1", "Interest income", "1200"],
            ["4", "Federal income tax withheld", "$120.00"],
            ["8", "Tax-exempt interest", "500.00"],
            ["9", "Specified private activity bond interest", "600.00"],
          ],
          [0.05, 0.3, 0.9, 0.5],
          { header: true },
        ),
        text("PAYER'S name and address\n\nFirst Example Bank\n1 Main Street\nSpringfield, IL 62701\n(217) 555-0100", [0.05, 0.06, 0.4, 0.15]),
        text("PAYER'S federal identification number\n\n37-1234567", [0.05, 0.16, 0.3, 0.19]),
        text("RECIPIENT'S identification number\n\n***-**-4321", [0.32, 0.16, 0.6, 0.19]),
        text("RECIPIENT'S name, street address, city, state, and ZIP code\n\nJANE Q PUBLIC\n22 Elm St Apt 4\nPeoria, IL 61602", [0.05, 0.2, 0.4, 0.28]),
        text("Account number\n\n****9876", [0.45, 0.2, 0.6, 0.23]),
        text("CORRECTED X", [0.4, 0.01, 0.5, 0.02]),
      ]),
    ];
    const { document, issues } = transform1099Int(pages);
    expect(document.taxYear?.value).toBe(2024n);
    expect(document.corrected?.value).toBe(CheckState.CHECKED);
    expect(document.payerName?.value).toBe("First Example Bank");
    expect(document.payerAddress?.value).toMatchObject({ locality: "Springfield", administrativeArea: "IL", postalCode: "62701" });
    expect(document.payerPhone?.value).toBe("(217) 555-0100");
    expect(document.payerTin?.value?.masked).toBe("**-***4567");
    expect(document.recipientTin?.value).toMatchObject({ masked: "***-**-4321", truncatedOnDocument: true });
    expect(document.recipientName?.value).toBe("JANE Q PUBLIC");
    expect(document.recipientAddress?.value).toMatchObject({ addressLines: ["22 Elm St Apt 4"], locality: "Peoria" });
    expect(document.accountNumber?.value).toMatchObject({ last4: "9876", truncatedOnDocument: true });
    expect(dec(document.box1InterestIncome)).toBe("1200.00");
    expect(dec(document.box4FederalIncomeTaxWithheld)).toBe("120.00");
    // Box 9 is part of box 8.
    expect(issues.map((i) => [i.code, i.expected, i.actual])).toEqual([["1099int.box9_exceeds_box8", "<= 500.00", "600.00"]]);
    expect(document.box2EarlyWithdrawalPenalty?.meta?.status).toBe(FieldStatus.NOT_FOUND);
  });

  it("reads state rows and the FATCA box", () => {
    const pages = [
      page([
        text("FATCA filing requirement\n\nX", [0.05, 0.3, 0.2, 0.33]),
        text("15 State\n\nCA\nNY", [0.4, 0.4, 0.45, 0.45]),
        text("16 State identification no.\n\n23214420\n11-22334", [0.46, 0.4, 0.6, 0.45]),
        text("17 State tax withheld\n\n$ 712.58\n$ 10.00", [0.62, 0.4, 0.75, 0.45]),
      ]),
    ];
    const { document } = transform1099Int(pages);
    expect(document.fatcaFilingRequirement?.value).toBe(CheckState.CHECKED);
    expect(document.stateLines.map((s) => [s.state?.value, s.payerStateId?.value, dec(s.stateTaxWithheld)])).toEqual([
      ["CA", "23214420", "712.58"],
      ["NY", "11-22334", "10.00"],
    ]);
  });
});
