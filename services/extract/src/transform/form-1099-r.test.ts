import { Form1099RSchema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import { CheckState } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { page, table, text } from "../../test-support/hand-layout.js";
import { loadTaxFixture } from "../../test-support/tax-layout-fixture.js";
import { jsonText, truthMismatches, truthSsns } from "../../test-support/tax-truth.js";
import { dateToIso } from "../fields/dates.js";
import { moneyToDecimal } from "../fields/money.js";
import { transform1099R } from "./form-1099-r.js";

const dec = (f: { value?: Parameters<typeof moneyToDecimal>[0] } | undefined) => (f?.value ? moneyToDecimal(f.value) : undefined);

describe("transform1099R", () => {
  it.each(["vis-1099-r-01", "vis-1099-r-02"])("reads every truth field of %s", (id) => {
    const { pages, truth } = loadTaxFixture(id);
    const { document, issues } = transform1099R(pages);
    expect(truthMismatches(document as unknown as Record<string, unknown>, truth)).toEqual([]);
    expect(issues).toEqual([]);
    const json = jsonText(Form1099RSchema, document);
    for (const ssn of truthSsns(truth)) expect(json).not.toContain(ssn);
  });

  it("reads two distribution codes, percentages, the Roth year, the payment date and local rows", () => {
    const pages = [
      page([
        table(
          [
            ["1 Gross distribution $ 10,000.00", "2a Taxable amount $ 12,000.00"],
            ["2b Taxable amount not determined", "Total distribution X"],
            ["7 Distribution code(s) 7D", "IRA/SEP/SIMPLE"],
            ["8 Other $ 500.00 12.50 %", "9a Your percentage of total distribution 25%"],
            ["11 1st year of desig. Roth contrib. 2019", "13 Date of payment Jan 5, 2024"],
            ["17 Local tax withheld 40.00", "18 Name of locality DETROIT"],
            ["19 Local distribution 10,000.00", ""],
          ],
          [0.05, 0.1, 0.9, 0.5],
        ),
      ]),
    ];
    const { document, issues } = transform1099R(pages);
    expect(document.box7DistributionCodes.map((c) => c.value)).toEqual(["7", "D"]);
    expect(document.box2bTaxableAmountNotDetermined?.value).toBe(CheckState.UNCHECKED);
    expect(document.box2bTotalDistribution?.value).toBe(CheckState.CHECKED);
    expect(document.box7IraSepSimple?.value).toBe(CheckState.UNCHECKED);
    expect(dec(document.box8OtherAmount)).toBe("500.00");
    expect(document.box8OtherPercent?.value?.value).toBe("12.5");
    expect(document.box9aPctOfTotalDistribution?.value?.value).toBe("25");
    expect(document.box11FirstYearDesignatedRoth?.value).toBe(2019n);
    expect(document.box13DateOfPayment?.value && dateToIso(document.box13DateOfPayment.value)).toBe("2024-01-05");
    expect(document.localLines.map((l) => [dec(l.localIncomeTax), l.localityName?.value, dec(l.localWages)])).toEqual([["40.00", "DETROIT", "10000.00"]]);
    expect(issues.map((i) => i.code)).toEqual(["1099r.box2a_exceeds_box1"]);
  });

  it("keeps an unreadable distribution code as ILLEGIBLE", () => {
    const { document } = transform1099R([page([text("7 Distribution code(s)\n\nZZ9", [0.4, 0.3, 0.5, 0.33])])]);
    expect(document.box7DistributionCodes.map((c) => [c.value, c.meta?.status, c.meta?.rawText])).toEqual([["", 4, "ZZ9"]]);
  });
});
