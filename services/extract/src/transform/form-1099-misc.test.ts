import { Form1099MiscSchema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import { CheckState } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { page, table, text } from "../../test-support/hand-layout.js";
import { loadTaxFixture } from "../../test-support/tax-layout-fixture.js";
import { jsonText, truthMismatches, truthSsns } from "../../test-support/tax-truth.js";
import { moneyToDecimal } from "../fields/money.js";
import { transform1099Misc } from "./form-1099-misc.js";

const dec = (f: { value?: Parameters<typeof moneyToDecimal>[0] } | undefined) => (f?.value ? moneyToDecimal(f.value) : undefined);

describe("transform1099Misc", () => {
  it.each(["vis-1099-misc-01", "vis-1099-misc-02"])("reads every truth field of %s", (id) => {
    const { pages, truth } = loadTaxFixture(id);
    const { document, issues } = transform1099Misc(pages);
    expect(truthMismatches(document as unknown as Record<string, unknown>, truth)).toEqual([]);
    expect(issues).toEqual([]);
    const json = jsonText(Form1099MiscSchema, document);
    for (const ssn of truthSsns(truth)) expect(json).not.toContain(ssn);
  });

  it("reads a table layout, the direct-sales checkbox and a combined state/payer number", () => {
    const pages = [
      page([
        text("Form 1099-MISC (Rev. January 2024) For calendar year 2025", [0.6, 0.02, 0.95, 0.05]),
        table(
          [
            ["1 Rents 2400", "2 Royalties"],
            ["3 Other income 5,910.25", "4 Federal income tax withheld"],
            ["7 Payer made direct sales totaling $5,000 or more of consumer products to recipient for resale X", "8 Substitute payments in lieu of dividends or interest"],
            ["16 State tax withheld 1,288.28", "17 State/Payer's state no. IN 67-894794"],
            ["18 State income 26,624.42", ""],
          ],
          [0.05, 0.1, 0.9, 0.5],
        ),
      ]),
    ];
    const { document } = transform1099Misc(pages);
    expect(document.taxYear?.value).toBe(2025n);
    expect(dec(document.box1Rents)).toBe("2400.00");
    expect(document.box2Royalties?.meta?.status).toBe(2);
    expect(dec(document.box3OtherIncome)).toBe("5910.25");
    expect(document.box7DirectSales5000Checkbox?.value).toBe(CheckState.CHECKED);
    expect(document.stateLines.map((s) => [s.state?.value, s.payerStateId?.value, dec(s.stateTaxWithheld), dec(s.stateIncome)])).toEqual([
      ["IN", "67-894794", "1288.28", "26624.42"],
    ]);
  });
});
