import { Form1099NecSchema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import { CheckState, FieldStatus } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { grid, page, text } from "../../test-support/hand-layout.js";
import { loadTaxFixture } from "../../test-support/tax-layout-fixture.js";
import { jsonText, truthMismatches, truthSsns } from "../../test-support/tax-truth.js";
import { moneyToDecimal } from "../fields/money.js";
import { transform1099Nec } from "./form-1099-nec.js";

const dec = (f: { value?: Parameters<typeof moneyToDecimal>[0] } | undefined) => (f?.value ? moneyToDecimal(f.value) : undefined);

describe("transform1099Nec", () => {
  it.each(["vis-1099-nec-01", "vis-1099-nec-02"])("reads every truth field of %s", (id) => {
    const { pages, truth } = loadTaxFixture(id);
    const { document, issues } = transform1099Nec(pages);
    expect(truthMismatches(document as unknown as Record<string, unknown>, truth)).toEqual([]);
    expect(issues).toEqual([]);
    const json = jsonText(Form1099NecSchema, document);
    for (const ssn of truthSsns(truth)) expect(json).not.toContain(ssn);
  });

  it("reads an OCR-style layout where a label line runs into the next box's label", () => {
    const pages = [
      page([
        text(
          "PAYER'S name, street address, city or town, state or province, country, ZIP or 1 Nonemployee compensation\nforeign postal code, and telephone no.\nFalcon Media Co.\n4513 Juniper Pkwy\nWorcester, MA 01679\n1-877-743-1382",
          [0.055, 0.05, 0.498, 0.118],
        ),
        text("606.02", [0.378, 0.062, 0.426, 0.07]),
        ...grid(
          [
            [["PAYER'S TIN", 0.056, 0.138], ["RECIPIENT'S TIN", 0.216, 0.306], ["2 Payer made direct sales totaling $5,000 or more", 0.378, 0.7]],
            [["84-3492936", 0.056, 0.11], ["XXX-XX-5240", 0.216, 0.28]],
            [["RECIPIENT'S name", 0.056, 0.15], ["3 Excess golden parachute payments", 0.378, 0.6]],
            [["Ingrid White", 0.056, 0.12], ["$ 2,000.00", 0.378, 0.43]],
          ],
          0.13,
        ),
      ]),
    ];
    const { document } = transform1099Nec(pages);
    expect(document.payerName?.value).toBe("Falcon Media Co.");
    expect(document.payerPhone?.value).toBe("1-877-743-1382");
    expect(dec(document.box1NonemployeeCompensation)).toBe("606.02");
    expect(document.recipientTin?.value).toMatchObject({ last4: "5240", truncatedOnDocument: true });
    expect(document.recipientName?.value).toBe("Ingrid White");
    expect(document.box2DirectSales5000Checkbox?.value).toBe(CheckState.UNCHECKED);
    expect(dec(document.box3ExcessGoldenParachute)).toBe("2000.00");
    expect(document.box4FederalIncomeTaxWithheld?.meta?.status).toBe(FieldStatus.NOT_FOUND);
    expect(document.stateLines).toEqual([]);
  });
});
