import { create } from "@bufbuild/protobuf";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { type Form1099Int, Form1099IntSchema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import type { ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { readInformationReturn } from "./information-return.js";
import { readTextField } from "./layout/field-readers.js";
import type { BoxSpec } from "./tax/box-fields.js";
import { readStateLines } from "./tax/state-lines.js";
import { validate1099Int } from "./validate-tax-forms.js";

const BOXES = [
  { key: "box1InterestIncome", kind: "money", box: "1", synonyms: ["interest income", "taxable interest"] },
  { key: "box2EarlyWithdrawalPenalty", kind: "money", box: "2", synonyms: ["early withdrawal penalty", "penalty for early withdrawal"] },
  {
    key: "box3UsSavingsBondTreasuryInterest",
    kind: "money",
    box: "3",
    synonyms: ["interest on u.s. savings bonds and treasury obligations", "interest on u.s. savings bonds and treas. obligations", "u.s. savings bonds and treasury interest"],
  },
  { key: "box4FederalIncomeTaxWithheld", kind: "money", box: "4", synonyms: ["federal income tax withheld", "backup withholding"] },
  { key: "box5InvestmentExpenses", kind: "money", box: "5", synonyms: ["investment expenses"] },
  { key: "box6ForeignTaxPaid", kind: "money", box: "6", synonyms: ["foreign tax paid"] },
  { key: "box8TaxExemptInterest", kind: "money", box: "8", synonyms: ["tax-exempt interest"] },
  { key: "box9SpecifiedPrivateActivityBondInterest", kind: "money", box: "9", synonyms: ["specified private activity bond interest", "private activity bond interest"] },
  { key: "box10MarketDiscount", kind: "money", box: "10", synonyms: ["market discount"] },
  { key: "box11BondPremium", kind: "money", box: "11", synonyms: ["bond premium"] },
  { key: "box12BondPremiumTreasury", kind: "money", box: "12", synonyms: ["bond premium on treasury obligations", "treasury bond premium"] },
  { key: "box13BondPremiumTaxExempt", kind: "money", box: "13", synonyms: ["bond premium on tax-exempt bond", "tax-exempt bond premium"] },
  { key: "box7ForeignCountry", kind: "letters", box: "7", synonyms: ["foreign country or u.s. possession", "foreign country or u.s. territory", "foreign country"] },
  { key: "box14TaxExemptTaxCreditBondCusip", kind: "text", box: "14", synonyms: ["tax-exempt and tax credit bond cusip no", "cusip number", "cusip no"] },
  { key: "payerRtn", synonyms: ["payer's rtn optional", "payer's rtn", "routing transit number"] },
  { key: "fatcaFilingRequirement", kind: "checkbox", synonyms: ["fatca filing requirement"] },
  { key: "state", box: "15", synonyms: ["state"] },
  { key: "stateId", box: "16", synonyms: ["state identification no", "state identification number", "state id number", "payer's state no"] },
  { key: "stateTax", box: "17", synonyms: ["state tax withheld"] },
] as const satisfies readonly BoxSpec[];

/** Form 1099-INT from the pages' layout, with its validation issues. */
export function transform1099Int(pages: PageResult[]): { document: Form1099Int; issues: ValidationIssue[] } {
  const { reader, fields } = readInformationReturn(pages, "payer", BOXES);
  const document = create(Form1099IntSchema, {
    ...fields,
    payerRtn: readTextField(reader, "payerRtn", { accept: (t) => (/^\d[\d\s-]{7,}$/.test(t) ? t.replace(/\D/g, "") : undefined) }),
    stateLines: readStateLines(reader),
  });
  return { document, issues: validate1099Int(document) };
}
