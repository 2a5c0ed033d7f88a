import { create } from "@bufbuild/protobuf";
import { Form1099DivSchema, Form1099RSchema, W2Box12ItemSchema, W2Schema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import {
  FieldMetaSchema,
  FieldStatus,
  IntFieldSchema,
  MoneyFieldSchema,
  Severity,
  TaxIdFieldSchema,
  TaxIdSchema,
  TextFieldSchema,
} from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { moneyFromDecimal } from "../fields/money.js";
import { validate1099Div, validate1099R, validateW2 } from "./validate-tax-forms.js";

const money = (s: string | null) =>
  s === null
    ? create(MoneyFieldSchema, { meta: create(FieldMetaSchema, { status: FieldStatus.BLANK }) })
    : create(MoneyFieldSchema, { value: moneyFromDecimal(s), meta: create(FieldMetaSchema, { status: FieldStatus.PRESENT }) });
const year = (y: number) => create(IntFieldSchema, { value: BigInt(y), meta: create(FieldMetaSchema, { status: FieldStatus.PRESENT }) });
const codes = (w: ReturnType<typeof validateW2>) => w.map((i) => [i.code, i.expected, i.actual]);

describe("validateW2", () => {
  it("accepts consistent Social Security and Medicare taxes", () => {
    const w2 = create(W2Schema, {
      taxYear: year(2024),
      box3SocialSecurityWages: money("27314.03"),
      box7SocialSecurityTips: money("7609.41"),
      box4SocialSecurityTaxWithheld: money("2165.25"),
      box5MedicareWagesAndTips: money("34923.44"),
      box6MedicareTaxWithheld: money("506.39"),
    });
    expect(validateW2(w2)).toEqual([]);
  });

  it("caps Social Security tax at the wage base and adds 0.9% Medicare over $200,000", () => {
    const w2 = create(W2Schema, {
      taxYear: year(2024),
      box3SocialSecurityWages: money("168600.00"),
      box4SocialSecurityTaxWithheld: money("10453.20"),
      box5MedicareWagesAndTips: money("250000.00"),
      box6MedicareTaxWithheld: money("4075.00"),
    });
    expect(validateW2(w2)).toEqual([]);
  });

  it("reports a wrong rate, wages over the base, an unknown box 12 code and a bad SSN", () => {
    const w2 = create(W2Schema, {
      taxYear: year(2023),
      box3SocialSecurityWages: money("170000.00"),
      box4SocialSecurityTaxWithheld: money("10540.00"),
      box5MedicareWagesAndTips: money("1000.00"),
      box6MedicareTaxWithheld: money("14.52"),
      box12: [create(W2Box12ItemSchema, { slot: "a", code: "IY" })],
      employeeSsn: create(TaxIdFieldSchema, {
        value: create(TaxIdSchema, { masked: "***-**-3456", formatValid: false }),
        meta: create(FieldMetaSchema, { status: FieldStatus.PRESENT }),
      }),
    });
    const issues = validateW2(w2);
    expect(codes(issues)).toEqual([
      ["w2.box3_box7_over_wage_base", "<= 160200.00", "170000.00"],
      ["w2.box4_social_security_rate", "9932.40", "10540.00"],
      ["w2.box6_medicare_rate", "14.50", "14.52"],
      ["w2.box12_code_unknown", "", "IY"],
      ["w2.employee_ssn_format", "", "***-**-3456"],
    ]);
    expect(issues[1]).toMatchObject({ severity: Severity.WARNING, fieldPaths: ["box4_social_security_tax_withheld", "box3_social_security_wages", "box7_social_security_tips"] });
  });

  it("allows a cent of rounding per term and skips boxes that were not read", () => {
    const w2 = create(W2Schema, { box3SocialSecurityWages: money("1000.00"), box4SocialSecurityTaxWithheld: money("62.01"), box5MedicareWagesAndTips: money("1000.00") });
    expect(validateW2(w2)).toEqual([]);
  });
});

describe("1099 rules", () => {
  it("checks 1099-DIV parts against their totals, blank counting as zero", () => {
    const div = create(Form1099DivSchema, {
      box1aTotalOrdinaryDividends: money("100.00"),
      box1bQualifiedDividends: money("100.00"),
      box2aTotalCapitalGainDistr: money(null),
      box2dCollectibles28Gain: money("5.00"),
    });
    expect(codes(validate1099Div(div))).toEqual([["1099div.box2d_exceeds_box2a", "<= 0.00", "5.00"]]);
  });

  it("checks 1099-R box 2a and the distribution codes", () => {
    const r = create(Form1099RSchema, {
      box1GrossDistribution: money("100.00"),
      box2aTaxableAmount: money("100.01"),
      box7DistributionCodes: [create(TextFieldSchema, { value: "7" }), create(TextFieldSchema, { value: "X" })],
    });
    expect(codes(validate1099R(r))).toEqual([
      ["1099r.box2a_exceeds_box1", "<= 100.00", "100.01"],
      ["1099r.box7_code_unknown", "", "X"],
    ]);
  });
});
