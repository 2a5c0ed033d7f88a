import { create } from "@bufbuild/protobuf";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { type Form1099Div, Form1099DivSchema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import type { ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { PAYER_HEADER_SPECS, readInformationReturnHeader } from "./information-return-header.js";
import { createLayoutReader } from "./layout-reader.js";
import { readCheckboxField, readTextField } from "./layout/field-readers.js";
import type { LabelSpec } from "./layout/label-search.js";
import { type BoxDef, lettersOnly, readMoneyBoxes } from "./tax/box-defs.js";
import { readStateLines } from "./tax/state-lines.js";
import { validate1099Div } from "./validate-tax-forms.js";

type MoneyKey =
  | "box1aTotalOrdinaryDividends"
  | "box1bQualifiedDividends"
  | "box2aTotalCapitalGainDistr"
  | "box2bUnrecapSec1250Gain"
  | "box2cSection1202Gain"
  | "box2dCollectibles28Gain"
  | "box2eSection897OrdinaryDividends"
  | "box2fSection897CapitalGain"
  | "box3NondividendDistributions"
  | "box4FederalIncomeTaxWithheld"
  | "box5Section199aDividends"
  | "box6InvestmentExpenses"
  | "box7ForeignTaxPaid"
  | "box9CashLiquidationDistr"
  | "box10NoncashLiquidationDistr"
  | "box12ExemptInterestDividends"
  | "box13SpecifiedPabInterestDividends";

const MONEY: ReadonlyArray<BoxDef<MoneyKey>> = [
  { key: "box1aTotalOrdinaryDividends", box: "1a", synonyms: ["total ordinary dividends", "ordinary dividends"] },
  { key: "box1bQualifiedDividends", box: "1b", synonyms: ["qualified dividends"] },
  { key: "box2aTotalCapitalGainDistr", box: "2a", synonyms: ["total capital gain distributions", "total capital gain distr", "capital gain distributions"] },
  { key: "box2bUnrecapSec1250Gain", box: "2b", synonyms: ["unrecaptured section 1250 gain", "unrecap sec 1250 gain"] },
  { key: "box2cSection1202Gain", box: "2c", synonyms: ["section 1202 gain", "sec 1202 gain"] },
  { key: "box2dCollectibles28Gain", box: "2d", synonyms: ["collectibles 28% gain", "collectibles gain"] },
  { key: "box2eSection897OrdinaryDividends", box: "2e", synonyms: ["section 897 ordinary dividends", "sec 897 ordinary dividends"] },
  { key: "box2fSection897CapitalGain", box: "2f", synonyms: ["section 897 capital gain", "sec 897 capital gain"] },
  { key: "box3NondividendDistributions", box: "3", synonyms: ["nondividend distributions", "non-dividend distributions"] },
  { key: "box4FederalIncomeTaxWithheld", box: "4", synonyms: ["federal income tax withheld", "backup withholding"] },
  { key: "box5Section199aDividends", box: "5", synonyms: ["section 199a dividends", "sec 199a dividends"] },
  { key: "box6InvestmentExpenses", box: "6", synonyms: ["investment expenses"] },
  { key: "box7ForeignTaxPaid", box: "7", synonyms: ["foreign tax paid"] },
  { key: "box9CashLiquidationDistr", box: "9", synonyms: ["cash liquidation distributions", "cash liquidation distr"] },
  { key: "box10NoncashLiquidationDistr", box: "10", synonyms: ["noncash liquidation distributions", "non-cash liquidation distributions", "noncash liquidation distr"] },
  { key: "box12ExemptInterestDividends", box: "12", synonyms: ["exempt-interest dividends", "exempt interest dividends"] },
  { key: "box13SpecifiedPabInterestDividends", box: "13", synonyms: ["specified private activity bond interest dividends", "private activity bond interest dividends"] },
];

const OTHER: readonly LabelSpec[] = [
  { key: "box8ForeignCountry", box: "8", synonyms: ["foreign country or u.s. possession", "foreign country or u.s. territory", "foreign country"] },
  { key: "fatca", box: "11", synonyms: ["fatca filing requirement"] },
  { key: "state", box: "14", synonyms: ["state"] },
  { key: "stateId", box: "15", synonyms: ["state identification no", "state identification number", "state id number", "payer's state no"] },
  { key: "stateTax", box: "16", synonyms: ["state tax withheld"] },
];

/** Form 1099-DIV from the pages' layout, with its validation issues. */
export function transform1099Div(pages: PageResult[]): { document: Form1099Div; issues: ValidationIssue[] } {
  const reader = createLayoutReader(pages, [...PAYER_HEADER_SPECS, ...MONEY, ...OTHER]);
  const h = readInformationReturnHeader(reader);
  const document = create(Form1099DivSchema, {
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
    ...readMoneyBoxes(reader, MONEY),
    box8ForeignCountry: readTextField(reader, "box8ForeignCountry", { accept: lettersOnly }),
    box11FatcaFilingRequirement: readCheckboxField(reader, "fatca"),
    stateLines: readStateLines(reader, { state: "state", stateId: "stateId", taxWithheld: "stateTax" }),
  });
  return { document, issues: validate1099Div(document) };
}
