import { create, type MessageInitShape, toJson } from "@bufbuild/protobuf";
import { CardTransactionType, PaymentMethod } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import { TypedDocumentSchema } from "@docproc/gen/docproc/v1/typed_document_pb.js";
import { CheckState, FieldStatus, TinType } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { type JsonObject, metrics, scoreDocument, summarize, type TruthDocument } from "../../../bench/extract/score.js";
import { normalizeText } from "../../../bench/extract/score-compare.js";

type TypedInit = MessageInitShape<typeof TypedDocumentSchema>;
const asJson = (init: TypedInit): JsonObject =>
  toJson(TypedDocumentSchema, create(TypedDocumentSchema, init), { useProtoFieldName: true }) as JsonObject;
const money = (units: number, nanos = 0) => ({ value: { currencyCode: "USD", units: BigInt(units), nanos } });
const present = { meta: { status: FieldStatus.PRESENT } };

const W2_TRUTH: TruthDocument = {
  id: "w2",
  doc_type: "W2",
  fields: {
    tax_year: { value: 2024, raw: "2024" },
    copy: { value: "B", raw: "Copy B" },
    employee_ssn: { value: "887-08-3418", type: "ssn", masked: "***-**-3418", last4: "3418", raw: "***-**-3418", truncated_on_document: true },
    employer_ein: { value: "20-9129513", type: "ein", last4: "9513", raw: "20-9129513" },
    employer_name: { value: "Redwood Logistics PLLC", raw: "Redwood Logistics PLLC" },
    employer_address: { value: { street: "10571 Prospect Avenue, Suite 427", city: "Boulder", state: "CO", postal_code: "80397" }, raw: "…" },
    employee_name: { value: "Kathleen R. Moore", first: "Kathleen", last: "Moore", raw: "Kathleen R. Moore" },
    box1_wages_tips_other_comp: { value: "30566.24", raw: "30566.24" },
    box2_federal_income_tax_withheld: { value: "3242.98", raw: "3242.98" },
    box8_allocated_tips: { value: null, raw: null },
    box10_dependent_care_benefits: { value: null, raw: null },
    box11_nonqualified_plans: { value: null, raw: null },
    box13_retirement_plan: { value: true },
    box13_statutory_employee: { value: false },
    box12: { value: [{ slot: "a", code: "D", amount: "4357.20", raw: { code: "D", amount: "4357.20" } }, { slot: "b", code: "W", amount: "4111.03", raw: { code: "W", amount: "4111.03" } }] },
    box14_other: { value: [] },
  },
};

const W2_PREDICTED: TypedInit = {
  document: {
    case: "w2",
    value: {
      taxYear: { value: 2024n, ...present },
      copy: { value: "B", ...present },
      employeeSsn: { value: { type: TinType.SSN, last4: "3418", masked: "***-**-3418" }, ...present },
      employerEin: { value: { type: TinType.SSN, last4: "9513" }, ...present }, // wrong type
      employerName: { value: "REDWOOD LOGISTICS PLLC.", ...present }, // case and trailing dot do not count
      employerAddress: { value: { addressLines: ["10571 Prospect Avenue", "Suite 427"], locality: "Boulder", administrativeArea: "CO", postalCode: "80397" } },
      employeeName: { value: { full: "Kathleen R. Moore", first: "Kathleen" } },
      box1WagesTipsOtherComp: { ...money(30566, 240_000_000), ...present },
      box2FederalIncomeTaxWithheld: { ...money(3242, 990_000_000), ...present }, // off by a cent
      box8AllocatedTips: { meta: { status: FieldStatus.BLANK } },
      box11NonqualifiedPlans: { ...money(5), ...present }, // a value where the box is blank
      box13RetirementPlan: { value: CheckState.CHECKED },
      box13StatutoryEmployee: { value: CheckState.CHECKED },
      box12: [
        { slot: "b", code: "W", amount: money(4111, 30_000_000) },
        { slot: "a", code: "D", amount: money(4357, 200_000_000) },
        { slot: "c", code: "DD", amount: money(1) },
      ],
    },
  },
};

describe("bench scoreDocument", () => {
  const score = scoreDocument(W2_TRUTH, asJson(W2_PREDICTED));
  const problem = (field: string) => score.mismatches.find((m) => m.field === field)?.problem;

  it("compares each kind by its normalised value", () => {
    expect(problem("tax_year")).toBeUndefined();
    expect(problem("employee_ssn")).toBeUndefined();
    expect(problem("employer_name")).toBeUndefined();
    expect(problem("employer_address")).toBeUndefined();
    expect(problem("employee_name")).toBeUndefined();
    expect(problem("box1_wages_tips_other_comp")).toBeUndefined();
    expect(problem("box13_retirement_plan")).toBeUndefined();
  });

  it("counts wrong values as FP and FN, missing values as FN", () => {
    expect(problem("employer_ein")).toBe("wrong");
    expect(problem("box2_federal_income_tax_withheld")).toBe("wrong");
    expect(problem("box13_statutory_employee")).toBe("wrong");
  });

  it("treats blanks: BLANK or nothing is correct, a value is a FP", () => {
    expect(problem("box8_allocated_tips")).toBeUndefined();
    expect(problem("box10_dependent_care_benefits")).toBeUndefined();
    expect(problem("box11_nonqualified_plans")).toBe("unexpected");
    expect(score.byKind["blank"]).toEqual({ tp: 2, fp: 1, fn: 0, blankCorrect: 2 });
  });

  it("pairs list items by content, not position, and counts extras as FP", () => {
    expect(score.byKind["list-item"]).toEqual({ tp: 2, fp: 1, fn: 0, blankCorrect: 0 });
    expect(problem("box12")).toBe("extra-item x1");
  });

  it("adds up to the overall counts", () => {
    // TP: tax_year copy ssn name address employee_name box1 box13_ret + 2 blanks + 2 box12 = 12
    // FP: ein box2 box13_stat + box11 + 1 extra item = 5; FN: ein box2 box13_stat = 3
    expect(score.counts).toEqual({ tp: 12, fp: 5, fn: 3, blankCorrect: 2 });
    const m = metrics(score.counts);
    expect(m.precision).toBeCloseTo(12 / 17);
    expect(m.recall).toBeCloseTo(12 / 15);
  });

  it("scores a missing document as all FN (blanks stay correct)", () => {
    const empty = scoreDocument(W2_TRUTH, undefined);
    expect(empty.counts.tp).toBe(3);
    expect(empty.counts.fp).toBe(0);
    expect(empty.counts.fn).toBe(13); // 11 scalar fields + 2 box12 items
  });
});

describe("bench scoring of statements and receipts", () => {
  it("compares dates, enums, card transaction types and skips implied values", () => {
    const truth: TruthDocument = {
      id: "r",
      doc_type: "receipt",
      fields: {
        transaction_date: { value: "2024-03-05", raw: "03/05/24" },
        transaction_time: { value: "14:07", raw: "2:07 PM" },
        payment_method: { value: "CREDIT_CARD", raw: "VISA" },
        tax_rate: { value: "8.25", raw: null }, // implied: skipped
        merchant_phone: { value: "(555) 010-2000", raw: "(555) 010-2000" },
        line_items: { value: [{ description: "MILK 1GAL", quantity: "1", unit_price: "3.49", amount: "3.49", raw: { description: "MILK 1GAL", quantity: null, unit_price: null, amount: "3.49" } }] },
      },
    };
    const predicted = asJson({
      document: {
        case: "receipt",
        value: {
          transactionDate: { value: { year: 2024, month: 3, day: 5 } },
          transactionTime: { value: { hours: 14, minutes: 7 } },
          paymentMethod: PaymentMethod.CREDIT_CARD,
          merchantPhone: { value: "555-010-2000" },
          lineItems: [{ description: { value: "Milk 1gal" }, amount: money(3, 490_000_000) }],
        },
      },
    });
    const score = scoreDocument(truth, predicted);
    expect(score.mismatches).toEqual([]);
    expect(score.counts).toEqual({ tp: 5, fp: 0, fn: 0, blankCorrect: 0 });

    const card: TruthDocument = {
      id: "c",
      doc_type: "credit_card_statement",
      fields: { transactions: { value: [{ date: "2023-06-22", post_date: null, description: "X", amount: "4.25", type: "purchase", raw: {} }] } },
    };
    const cardJson = asJson({
      document: {
        case: "creditCardStatement",
        value: { transactions: [{ date: { value: { year: 2023, month: 6, day: 22 } }, description: { value: "X" }, amount: money(4, 250_000_000), type: CardTransactionType.PURCHASE }] },
      },
    });
    expect(scoreDocument(card, cardJson).counts.tp).toBe(1);
  });

  it("summarises by document type and kind", () => {
    const a = scoreDocument(W2_TRUTH, asJson(W2_PREDICTED));
    const summary = summarize([a, a]);
    expect(summary.byDocType["W2"]?.tp).toBe(24);
    expect(summary.overall.f1).toBeCloseTo(metrics(a.counts).f1);
    expect(Object.keys(summary.byKind)).toContain("money");
    expect(normalizeText("  Foo\u2019s  Bar. ")).toBe("foo's bar");
  });
});
