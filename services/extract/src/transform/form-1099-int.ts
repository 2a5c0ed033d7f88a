import { create } from "@bufbuild/protobuf";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { type Form1099Int, Form1099IntSchema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import type { ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { PAYER_HEADER_SPECS, readInformationReturnHeader } from "./information-return-header.js";
import { createLayoutReader } from "./layout-reader.js";
import { readCheckboxField, readTextField } from "./layout/field-readers.js";
import type { LabelSpec } from "./layout/label-search.js";
import { type BoxDef, lettersOnly, readMoneyBoxes } from "./tax/box-defs.js";
import { readStateLines } from "./tax/state-lines.js";
import { validate1099Int } from "./validate-tax-forms.js";

type MoneyKey =
  | "box1InterestIncome"
  | "box2EarlyWithdrawalPenalty"
  | "box3UsSavingsBondTreasuryInterest"
  | "box4FederalIncomeTaxWithheld"
  | "box5InvestmentExpenses"
  | "box6ForeignTaxPaid"
  | "box8TaxExemptInterest"
  | "box9SpecifiedPrivateActivityBondInterest"
  | "box10MarketDiscount"
  | "box11BondPremium"
  | "box12BondPremiumTreasury"
  | "box13BondPremiumTaxExempt";

const MONEY: ReadonlyArray<BoxDef<MoneyKey>> = [
  { key: "box1InterestIncome", box: "1", synonyms: ["interest income", "taxable interest"] },
  { key: "box2EarlyWithdrawalPenalty", box: "2", synonyms: ["early withdrawal penalty", "penalty for early withdrawal"] },
  {
    key: "box3UsSavingsBondTreasuryInterest",
    box: "3",
    synonyms: ["interest on u.s. savings bonds and treasury obligations", "interest on u.s. savings bonds and treas. obligations", "u.s. savings bonds and treasury interest"],
  },
  { key: "box4FederalIncomeTaxWithheld", box: "4", synonyms: ["federal income tax withheld", "backup withholding"] },
  { key: "box5InvestmentExpenses", box: "5", synonyms: ["investment expenses"] },
  { key: "box6ForeignTaxPaid", box: "6", synonyms: ["foreign tax paid"] },
  { key: "box8TaxExemptInterest", box: "8", synonyms: ["tax-exempt interest"] },
  { key: "box9SpecifiedPrivateActivityBondInterest", box: "9", synonyms: ["specified private activity bond interest", "private activity bond interest"] },
  { key: "box10MarketDiscount", box: "10", synonyms: ["market discount"] },
  { key: "box11BondPremium", box: "11", synonyms: ["bond premium"] },
  { key: "box12BondPremiumTreasury", box: "12", synonyms: ["bond premium on treasury obligations", "treasury bond premium"] },
  { key: "box13BondPremiumTaxExempt", box: "13", synonyms: ["bond premium on tax-exempt bond", "tax-exempt bond premium"] },
];

const OTHER: readonly LabelSpec[] = [
  { key: "box7ForeignCountry", box: "7", synonyms: ["foreign country or u.s. possession", "foreign country or u.s. territory", "foreign country"] },
  { key: "box14Cusip", box: "14", synonyms: ["tax-exempt and tax credit bond cusip no", "cusip number", "cusip no"] },
  { key: "payerRtn", synonyms: ["payer's rtn optional", "payer's rtn", "routing transit number"] },
  { key: "fatca", synonyms: ["fatca filing requirement"] },
  { key: "state", box: "15", synonyms: ["state"] },
  { key: "stateId", box: "16", synonyms: ["state identification no", "state identification number", "state id number", "payer's state no"] },
  { key: "stateTax", box: "17", synonyms: ["state tax withheld"] },
];

/** Form 1099-INT from the pages' layout, with its validation issues. */
export function transform1099Int(pages: PageResult[]): { document: Form1099Int; issues: ValidationIssue[] } {
  const reader = createLayoutReader(pages, [...PAYER_HEADER_SPECS, ...MONEY, ...OTHER]);
  const h = readInformationReturnHeader(reader);
  const document = create(Form1099IntSchema, {
    taxYear: h.taxYear,
    copy: h.copy,
    corrected: h.corrected,
    payerName: h.filerName,
    payerAddress: h.filerAddress,
    payerPhone: h.filerPhone,
    payerTin: h.filerTin,
    recipientName: h.partyName,
    recipientAddress: h.partyAddress,
    recipientTin: h.partyTin,
    accountNumber: h.accountNumber,
    payerRtn: readTextField(reader, "payerRtn", { accept: (t) => (/^\d[\d\s-]{7,}$/.test(t) ? t.replace(/\D/g, "") : undefined) }),
    fatcaFilingRequirement: readCheckboxField(reader, "fatca"),
    ...readMoneyBoxes(reader, MONEY),
    box7ForeignCountry: readTextField(reader, "box7ForeignCountry", { accept: lettersOnly }),
    box14TaxExemptTaxCreditBondCusip: readTextField(reader, "box14Cusip"),
    stateLines: readStateLines(reader, { state: "state", stateId: "stateId", taxWithheld: "stateTax" }),
  });
  return { document, issues: validate1099Int(document) };
}
