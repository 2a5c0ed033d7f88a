import { Form1099DivSchema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import { CheckState } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { page, table, text } from "../../test-support/hand-layout.js";
import { loadTaxFixture } from "../../test-support/tax-layout-fixture.js";
import { jsonText, truthMismatches, truthSsns } from "../../test-support/tax-truth.js";
import { moneyToDecimal } from "../fields/money.js";
import { transform1099Div } from "./form-1099-div.js";

const dec = (f: { value?: Parameters<typeof moneyToDecimal>[0] } | undefined) => (f?.value ? moneyToDecimal(f.value) : undefined);

describe("transform1099Div", () => {
  it.each(["vis-1099-div-01", "vis-1099-div-02"])("reads every truth field of %s", (id) => {
    const { pages, truth } = loadTaxFixture(id);
    const { document, issues } = transform1099Div(pages);
    expect(truthMismatches(document as unknown as Record<string, unknown>, truth)).toEqual([]);
    expect(issues).toEqual([]);
    const json = jsonText(Form1099DivSchema, document);
    for (const ssn of truthSsns(truth)) expect(json).not.toContain(ssn);
  });

  it("reads a table-style grid with abbreviated labels and checks the part-of rules", () => {
    const pages = [
      page([
        table(
          [
            ["1a Total ordinary dividends $ 1,000.00", "1b Qualified dividends $ 1,200.00"],
            ["2a Total capital gain distr. 300.00", "2b Unrecap. Sec. 1250 gain 50.00"],
            ["2c Section 1202 gain", "2d Collectibles (28%) gain $"],
            ["2e Section 897 ordinary dividends", "2f Section 897 capital gain 400.00"],
            ["7 Foreign tax paid 12.00", "8 Foreign country or U.S. possession Various"],
            ["11 FATCA filing requirement", "12 Exempt-interest dividends"],
          ],
          [0.05, 0.1, 0.9, 0.5],
        ),
      ]),
    ];
    const { document, issues } = transform1099Div(pages);
    expect(dec(document.box1aTotalOrdinaryDividends)).toBe("1000.00");
    expect(dec(document.box2bUnrecapSec1250Gain)).toBe("50.00");
    expect(document.box2dCollectibles28Gain?.meta?.status).toBe(2);
    expect(document.box8ForeignCountry?.value).toBe("Various");
    expect(document.box11FatcaFilingRequirement?.value).toBe(CheckState.UNCHECKED);
    expect(issues.map((i) => i.code)).toEqual(["1099div.box1b_exceeds_box1a", "1099div.box2f_exceeds_box2a"]);
  });
});
