import { W2Schema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import { CheckState, FieldStatus, TinType } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { grid, page, table, text } from "../../test-support/hand-layout.js";
import { loadTaxFixture } from "../../test-support/tax-layout-fixture.js";
import { jsonText, truthMismatches, truthSsns } from "../../test-support/tax-truth.js";
import { moneyToDecimal } from "../fields/money.js";
import { transformW2 } from "./w2.js";

const dec = (f: { value?: Parameters<typeof moneyToDecimal>[0] } | undefined) => (f?.value ? moneyToDecimal(f.value) : undefined);

describe("transformW2 on corpus layouts", () => {
  it.each(["vis-w2-01", "vis-w2-02", "vis-w2-03"])("reads every truth field of %s", (id) => {
    const { pages, truth } = loadTaxFixture(id);
    const { document, issues } = transformW2(pages);
    expect(truthMismatches(document as unknown as Record<string, unknown>, truth)).toEqual([]);
    expect(issues).toEqual([]);
    const json = jsonText(W2Schema, document);
    for (const ssn of truthSsns(truth)) {
      expect(json).not.toContain(ssn);
      expect(json).not.toContain(ssn.replace(/-/g, ""));
    }
  });

  it("reads the first copy's values, the tax year near the title and the copy letter", () => {
    const { document } = transformW2(loadTaxFixture("vis-w2-03").pages);
    expect(document.taxYear?.value).toBe(2024n);
    expect(document.copy?.value).toBe("B");
    expect(document.copy?.meta?.rawText).toMatch(/^Copy B/);
    expect(document.employeeSsn?.value).toMatchObject({ truncatedOnDocument: true, last4: "3418", type: TinType.SSN });
    expect(document.employerEin?.meta?.rawText).toBe("**-***9513");
  });

  it("marks blank boxes BLANK with no value, and gives confidence and provenance", () => {
    const { document } = transformW2(loadTaxFixture("vis-w2-01").pages);
    expect(document.box7SocialSecurityTips?.meta?.status).toBe(FieldStatus.BLANK);
    expect(document.box7SocialSecurityTips?.value).toBeUndefined();
    const wages = document.box1WagesTipsOtherComp!;
    expect(wages.meta).toMatchObject({ status: FieldStatus.PRESENT, rawText: "$ 117,636.28", pageIndex: 0 });
    expect(wages.meta!.confidence).toBeGreaterThan(0.9);
    expect(wages.meta!.box!.xMax).toBeGreaterThan(wages.meta!.box!.xMin);
  });
});

describe("transformW2 on other layouts", () => {
  it("reads a key/value table with other wordings, no $ or commas, and a masked SSN", () => {
    const pages = [
      page([
        text("# Form W-2 Wage and Tax Statement 2024", [0.05, 0.02, 0.6, 0.05], { category: 11 }),
        table(
          [
            ["Employee SSN", "xxx-xx-6789"],
            ["b Employer's federal ID number", "12-3456789"],
            ["Wages, tips & other comp.", "75000"],
            ["Fed. income tax withheld", "9500.5"],
            ["SS wages", "75000.00"],
            ["SS tax withheld", "4650.00"],
            ["Medicare wages", "75000.00"],
            ["Medicare tax withheld", "1087.50"],
          ],
          [0.05, 0.1, 0.9, 0.5],
        ),
        text("Copy C—For EMPLOYEE'S RECORDS", [0.05, 0.55, 0.6, 0.57]),
      ]),
    ];
    const { document, issues } = transformW2(pages);
    expect(document.employeeSsn?.value).toMatchObject({ masked: "***-**-6789", truncatedOnDocument: true });
    expect(document.employerEin?.value).toMatchObject({ masked: "**-***6789", type: TinType.EIN, formatValid: true });
    expect(dec(document.box1WagesTipsOtherComp)).toBe("75000.00");
    expect(dec(document.box2FederalIncomeTaxWithheld)).toBe("9500.50");
    expect(dec(document.box4SocialSecurityTaxWithheld)).toBe("4650.00");
    expect(dec(document.box6MedicareTaxWithheld)).toBe("1087.50");
    expect(document.box1WagesTipsOtherComp?.meta?.confidence).toBeLessThan(0.9);
    expect(document.copy?.value).toBe("C");
    expect(document.taxYear?.value).toBe(2024n);
    expect(issues).toEqual([]);
  });

  it("reads labels and values printed as separate elements, one per OCR line", () => {
    const pages = [
      page([
        ...grid([
          [["a Employee's social security number", 0.05, 0.3], ["1 Wages, tips, other compensation", 0.5, 0.7], ["2 Federal income tax withheld", 0.72, 0.92]],
          [["360-31-8262", 0.05, 0.15], ["117,636.28", 0.5, 0.58], ["18,416.53", 0.72, 0.79]],
          [["c Employer's name, address, and ZIP code", 0.05, 0.3], ["3 Social security wages", 0.5, 0.65], ["4 Social security tax withheld", 0.72, 0.9]],
          [["Pinecrest Health Partners Inc", 0.05, 0.25], ["117,636.28", 0.5, 0.58], ["7,293.45", 0.72, 0.78]],
          [["21922 Fox Run Dr, Apt 35A", 0.05, 0.24]],
          [["Houston, TX 20001", 0.05, 0.18]],
        ]),
        text("Form W-2 Wage and Tax Statement", [0.05, 0.4, 0.4, 0.42]),
        text("2023", [0.45, 0.4, 0.5, 0.42]),
      ]),
    ];
    const { document } = transformW2(pages);
    expect(document.employeeSsn?.value).toMatchObject({ last4: "8262", truncatedOnDocument: false });
    expect(dec(document.box1WagesTipsOtherComp)).toBe("117636.28");
    expect(dec(document.box2FederalIncomeTaxWithheld)).toBe("18416.53");
    expect(dec(document.box4SocialSecurityTaxWithheld)).toBe("7293.45");
    expect(document.box1WagesTipsOtherComp?.meta?.confidence).toBeCloseTo(0.75);
    expect(document.employerName?.value).toBe("Pinecrest Health Partners Inc");
    expect(document.employerAddress?.value).toMatchObject({ addressLines: ["21922 Fox Run Dr, Apt 35A"], locality: "Houston", postalCode: "20001" });
    // The ZIP code 20001 is not the tax year.
    expect(document.taxYear?.value).toBe(2023n);
    expect(JSON.stringify(jsonText(W2Schema, document))).not.toContain("360-31-8262");
  });

  it("splits values under two labels that OCR read as one line", () => {
    const pages = [
      page([
        text("5 Medicare wages and tips 6 Medicare tax withheld", [0.5, 0.1, 0.95, 0.12]),
        text("80,000.00 1,160.00", [0.5, 0.13, 0.95, 0.15]),
      ]),
    ];
    const { document } = transformW2(pages);
    expect(dec(document.box5MedicareWagesAndTips)).toBe("80000.00");
    expect(dec(document.box6MedicareTaxWithheld)).toBe("1160.00");
  });

  it("reads label and value on adjacent lines of one text block", () => {
    const pages = [page([text("Box 1 Wages, tips, other comp.\n52,000.00\nBox 2 Federal income tax withheld\n4,100.00\n12a Code D Amount 3,000.00\n12b DD 8,000.00", [0.1, 0.1, 0.5, 0.3])])];
    const { document } = transformW2(pages);
    expect(dec(document.box1WagesTipsOtherComp)).toBe("52000.00");
    expect(dec(document.box2FederalIncomeTaxWithheld)).toBe("4100.00");
    expect(document.box12.map((b) => [b.slot, b.code, dec(b.amount)])).toEqual([
      ["a", "D", "3000.00"],
      ["b", "DD", "8000.00"],
    ]);
  });

  it("places a box 13 mark by position, and guesses with low confidence when it cannot", () => {
    const geometry = transformW2([
      page([
        text("13 Statutory employee", [0.5, 0.3, 0.6, 0.32]),
        text("Retirement plan", [0.62, 0.3, 0.72, 0.32]),
        text("Third-party sick pay", [0.74, 0.3, 0.86, 0.32]),
        text("X", [0.66, 0.325, 0.67, 0.335]),
      ]),
    ]).document;
    expect([geometry.box13StatutoryEmployee?.value, geometry.box13RetirementPlan?.value, geometry.box13ThirdPartySickPay?.value]).toEqual([
      CheckState.UNCHECKED,
      CheckState.CHECKED,
      CheckState.UNCHECKED,
    ]);
    const unplaced = transformW2([page([text("13\nStatutory\nemployee\nRetirement plan Third-party sick\npay\n\nX", [0.5, 0.3, 0.7, 0.36])])]).document;
    expect(unplaced.box13RetirementPlan?.value).toBe(CheckState.CHECKED);
    expect(unplaced.box13RetirementPlan?.meta?.confidence).toBeLessThanOrEqual(0.4);
    expect(unplaced.box13StatutoryEmployee?.value).toBe(CheckState.UNCHECKED);
    const inline = transformW2([page([text("13 Statutory employee X Retirement plan Third-party sick pay", [0.5, 0.3, 0.9, 0.32])])]).document;
    expect(inline.box13StatutoryEmployee?.value).toBe(CheckState.CHECKED);
    expect(inline.box13RetirementPlan?.value).toBe(CheckState.UNCHECKED);
  });

  it("reads box 14 lines, state and local rows", () => {
    const pages = [
      page([
        text("14 Other\n\nSDI 123.45\nUNION DUES 250.00", [0.5, 0.3, 0.7, 0.36]),
        table(
          [
            ["15 State", "Employer's state ID number", "16 State wages, tips, etc.", "17 State income tax", "18 Local wages, tips, etc.", "19 Local income tax", "20 Locality name"],
            ["NY", "12-3456789", "60000.00", "3000.00", "60000.00", "900.00", "NYC"],
            ["NJ", "987654321", "5000.00", "100.00", "", "", ""],
          ],
          [0.05, 0.4, 0.95, 0.5],
        ),
      ]),
    ];
    const { document } = transformW2(pages);
    expect(document.box14Other.map((o) => [o.label?.value, dec(o.amount)])).toEqual([
      ["SDI", "123.45"],
      ["UNION DUES", "250.00"],
    ]);
    expect(document.stateLines.map((s) => [s.state?.value, s.employerStateId?.value, dec(s.stateWages), dec(s.stateIncomeTax)])).toEqual([
      ["NY", "12-3456789", "60000.00", "3000.00"],
      ["NJ", "987654321", "5000.00", "100.00"],
    ]);
    expect(document.localLines.map((l) => [dec(l.localWages), dec(l.localIncomeTax), l.localityName?.value])).toEqual([["60000.00", "900.00", "NYC"]]);
    expect(document.stateLines[0]?.employerStateId?.meta?.rawText).toBe("**-***6789");
  });

  it("reads a second state row printed under the first without labels", () => {
    const pages = [
      page([
        text("15 State\n\nMI", [0.05, 0.6, 0.1, 0.64]),
        text("NY", [0.05, 0.645, 0.08, 0.66]),
        text("Employer's state ID number\n\n545121626", [0.12, 0.6, 0.3, 0.64]),
        text("16 State wages, tips, etc.\n\n1,000.00", [0.32, 0.6, 0.45, 0.64]),
        text("2,000.00", [0.32, 0.645, 0.4, 0.66]),
        text("17 State income tax\n\n10.00", [0.47, 0.6, 0.6, 0.64]),
        text("20.00", [0.47, 0.645, 0.52, 0.66]),
        text("Form W-2 Wage and Tax Statement 2024", [0.05, 0.7, 0.5, 0.72]),
      ]),
    ];
    const { document } = transformW2(pages);
    expect(document.stateLines.map((s) => [s.state?.value, s.employerStateId?.meta?.status, dec(s.stateWages), dec(s.stateIncomeTax)])).toEqual([
      ["MI", FieldStatus.PRESENT, "1000.00", "10.00"],
      ["NY", FieldStatus.BLANK, "2000.00", "20.00"],
    ]);
  });

  it("reports missing boxes as NOT_FOUND and flags wrong rates", () => {
    const pages = [
      page([
        text("Form W-2 2024", [0.05, 0.02, 0.3, 0.04]),
        text("3 Social security wages\n\n100,000.00", [0.5, 0.1, 0.7, 0.13]),
        text("4 Social security tax withheld\n\n6,000.00", [0.72, 0.1, 0.92, 0.13]),
        text("a Employee's social security number\n\n666-12-3456", [0.05, 0.1, 0.3, 0.13]),
      ]),
    ];
    const { document, issues } = transformW2(pages);
    expect(document.box1WagesTipsOtherComp?.meta?.status).toBe(FieldStatus.NOT_FOUND);
    expect(document.employeeName?.meta?.status).toBe(FieldStatus.NOT_FOUND);
    expect(issues.map((i) => [i.code, i.expected, i.actual])).toEqual([
      ["w2.box4_social_security_rate", "6200.00", "6000.00"],
      ["w2.employee_ssn_format", "", "***-**-3456"],
    ]);
  });

  it("never returns an SSN printed in a text box, and reads a value laid over a table cell", () => {
    const { document } = transformW2([
      page([
        text("d Control number\n\n360-31-8262", [0.05, 0.1, 0.3, 0.13]),
        table([["1 Wages, tips, other compensation", "2 Federal income tax withheld"]], [0.4, 0.1, 0.9, 0.16]),
        text("41,000.00", [0.42, 0.135, 0.5, 0.15]),
      ]),
    ]);
    expect(document.controlNumber?.value).toBe("***-**-8262");
    expect(jsonText(W2Schema, document)).not.toContain("360-31-8262");
    expect(dec(document.box1WagesTipsOtherComp)).toBe("41000.00");
    expect(document.box2FederalIncomeTaxWithheld?.meta?.status).toBe(FieldStatus.BLANK);
  });

  it("marks a W-2c as corrected", () => {
    const { document } = transformW2([page([text("Form W-2c Corrected Wage and Tax Statement", [0.05, 0.02, 0.6, 0.05])])]);
    expect(document.corrected?.value).toBe(CheckState.CHECKED);
  });
});
