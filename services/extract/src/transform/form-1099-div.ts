import { create } from "@bufbuild/protobuf";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { type Form1099Div, Form1099DivSchema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import type { ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { readInformationReturn } from "./information-return.js";
import type { BoxSpec } from "./tax/box-fields.js";
import { readStateLines } from "./tax/state-lines.js";
import { validate1099Div } from "./validate-tax-forms.js";

const BOXES = [
  { key: "box1aTotalOrdinaryDividends", kind: "money", box: "1a", synonyms: ["total ordinary dividends", "ordinary dividends"] },
  { key: "box1bQualifiedDividends", kind: "money", box: "1b", synonyms: ["qualified dividends"] },
  {
    key: "box2aTotalCapitalGainDistr",
    kind: "money",
    box: "2a",
    synonyms: ["total capital gain distributions", "total capital gain distr", "capital gain distributions"],
  },
  { key: "box2bUnrecapSec1250Gain", kind: "money", box: "2b", synonyms: ["unrecaptured section 1250 gain", "unrecap sec 1250 gain"] },
  { key: "box2cSection1202Gain", kind: "money", box: "2c", synonyms: ["section 1202 gain", "sec 1202 gain"] },
  { key: "box2dCollectibles28Gain", kind: "money", box: "2d", synonyms: ["collectibles 28% gain", "collectibles gain"] },
  { key: "box2eSection897OrdinaryDividends", kind: "money", box: "2e", synonyms: ["section 897 ordinary dividends", "sec 897 ordinary dividends"] },
  { key: "box2fSection897CapitalGain", kind: "money", box: "2f", synonyms: ["section 897 capital gain", "sec 897 capital gain"] },
  { key: "box3NondividendDistributions", kind: "money", box: "3", synonyms: ["nondividend distributions", "non-dividend distributions"] },
  { key: "box4FederalIncomeTaxWithheld", kind: "money", box: "4", synonyms: ["federal income tax withheld", "backup withholding"] },
  { key: "box5Section199aDividends", kind: "money", box: "5", synonyms: ["section 199a dividends", "sec 199a dividends"] },
  { key: "box6InvestmentExpenses", kind: "money", box: "6", synonyms: ["investment expenses"] },
  { key: "box7ForeignTaxPaid", kind: "money", box: "7", synonyms: ["foreign tax paid"] },
  { key: "box9CashLiquidationDistr", kind: "money", box: "9", synonyms: ["cash liquidation distributions", "cash liquidation distr"] },
  {
    key: "box10NoncashLiquidationDistr",
    kind: "money",
    box: "10",
    synonyms: ["noncash liquidation distributions", "non-cash liquidation distributions", "noncash liquidation distr"],
  },
  { key: "box12ExemptInterestDividends", kind: "money", box: "12", synonyms: ["exempt-interest dividends", "exempt interest dividends"] },
  {
    key: "box13SpecifiedPabInterestDividends",
    kind: "money",
    box: "13",
    synonyms: ["specified private activity bond interest dividends", "private activity bond interest dividends"],
  },
  { key: "box8ForeignCountry", kind: "letters", box: "8", synonyms: ["foreign country or u.s. possession", "foreign country or u.s. territory", "foreign country"] },
  { key: "box11FatcaFilingRequirement", kind: "checkbox", box: "11", synonyms: ["fatca filing requirement"] },
  { key: "state", box: "14", synonyms: ["state"] },
  { key: "stateId", box: "15", synonyms: ["state identification no", "state identification number", "state id number", "payer's state no"] },
  { key: "stateTax", box: "16", synonyms: ["state tax withheld"] },
] as const satisfies readonly BoxSpec[];

/** Form 1099-DIV from the pages' layout, with its validation issues. */
export function transform1099Div(pages: PageResult[]): { document: Form1099Div; issues: ValidationIssue[] } {
  const { reader, fields } = readInformationReturn(pages, "payer", BOXES);
  const document = create(Form1099DivSchema, { ...fields, stateLines: readStateLines(reader) });
  return { document, issues: validate1099Div(document) };
}
