import { create } from "@bufbuild/protobuf";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { type Form1099R, Form1099RSchema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import { type DecimalField, DecimalFieldSchema, DecimalSchema, type TextField, TextFieldSchema, type ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { blankMeta, illegibleMeta, notFoundMeta, presentMeta } from "../fields/field-meta.js";
import { readInformationReturn } from "./information-return.js";
import type { LayoutReader } from "./layout-reader.js";
import { parsePercent } from "./layout/field-readers.js";
import { sourceOf } from "./layout/layout-cells.js";
import { lineConfidence } from "./layout/line-fields.js";
import type { BoxSpec } from "./tax/box-fields.js";
import { splitDistributionCodes } from "./tax/r-codes.js";
import { readLocalLines, readStateLines } from "./tax/state-lines.js";
import { validate1099R } from "./validate-tax-forms.js";

const BOXES = [
  { key: "box1GrossDistribution", kind: "money", box: "1", synonyms: ["gross distribution"] },
  { key: "box2aTaxableAmount", kind: "money", box: "2a", synonyms: ["taxable amount"] },
  { key: "box3CapitalGain", kind: "money", box: "3", synonyms: ["capital gain included in box 2a", "capital gain"] },
  { key: "box4FederalIncomeTaxWithheld", kind: "money", box: "4", synonyms: ["federal income tax withheld"] },
  {
    key: "box5EmployeeContributions",
    kind: "money",
    box: "5",
    synonyms: ["employee contributions/designated roth contributions or insurance premiums", "employee contributions or insurance premiums", "employee contributions"],
  },
  {
    key: "box6NetUnrealizedAppreciation",
    kind: "money",
    box: "6",
    synonyms: ["net unrealized appreciation in employer's securities", "net unrealized appreciation"],
  },
  { key: "box8OtherAmount", kind: "money", box: "8", synonyms: ["other"] },
  { key: "box9bTotalEmployeeContributions", kind: "money", box: "9b", synonyms: ["total employee contributions"] },
  { key: "box10AmountAllocableToIrr", kind: "money", box: "10", synonyms: ["amount allocable to irr within 5 years", "amount allocable to irr"] },
  { key: "box2bTaxableAmountNotDetermined", kind: "checkbox", box: "2b", synonyms: ["taxable amount not determined"] },
  { key: "box2bTotalDistribution", kind: "checkbox", synonyms: ["total distribution"], inline: true },
  { key: "box7Codes", box: "7", synonyms: ["distribution code(s)", "distribution codes", "distribution code"] },
  { key: "box7IraSepSimple", kind: "checkbox", synonyms: ["ira/sep/simple", "ira sep simple"] },
  { key: "box9aPctOfTotalDistribution", kind: "percent", box: "9a", synonyms: ["your percentage of total distribution", "percentage of total distribution"] },
  {
    key: "box11FirstYearDesignatedRoth",
    kind: "int",
    range: [1980, 2100],
    box: "11",
    synonyms: ["1st year of desig. roth contrib", "first year of designated roth contributions", "1st year of designated roth contributions"],
  },
  { key: "box12FatcaFilingRequirement", kind: "checkbox", box: "12", synonyms: ["fatca filing requirement"] },
  { key: "box13DateOfPayment", kind: "date", box: "13", synonyms: ["date of payment"] },
  { key: "stateTax", box: "14", synonyms: ["state tax withheld"] },
  { key: "state", box: "15", synonyms: ["state/payer's state no", "state payer's state number", "state"] },
  { key: "stateIncome", box: "16", synonyms: ["state distribution"] },
  { key: "localTax", box: "17", synonyms: ["local tax withheld"] },
  { key: "locality", box: "18", synonyms: ["name of locality", "locality name"] },
  { key: "localIncome", box: "19", synonyms: ["local distribution"] },
] as const satisfies readonly BoxSpec[];

/** Form 1099-R from the pages' layout, with its validation issues. */
export function transform1099R(pages: PageResult[]): { document: Form1099R; issues: ValidationIssue[] } {
  const { reader, fields } = readInformationReturn(pages, "payer", BOXES);
  const document = create(Form1099RSchema, {
    ...fields,
    box7DistributionCodes: readDistributionCodes(reader),
    box8OtherPercent: readBox8Percent(reader),
    stateLines: readStateLines(reader),
    localLines: readLocalLines(reader, { wages: "localIncome", tax: "localTax", locality: "locality" }),
  });
  return { document, issues: validate1099R(document) };
}

/** Box 7: one TextField per code ("7D" gives "7" and "D"); an unreadable box gives one ILLEGIBLE entry. */
function readDistributionCodes(reader: LayoutReader): TextField[] {
  const hit = reader.hits("box7Codes")[0];
  const line = hit && reader.valueLines(hit, 1)[0];
  if (!hit || !line || !/\w/.test(line.text)) return [];
  const codes = splitDistributionCodes(line.text);
  if (!codes) return [create(TextFieldSchema, { value: "", meta: illegibleMeta(sourceOf(line.cell), line.text, hit.matchConfidence * 0.5) })];
  return codes.map((value) => create(TextFieldSchema, { value, meta: presentMeta(sourceOf(line.cell), line.text, lineConfidence(hit, line)) }));
}

/** Box 8's percentage, printed next to its amount with a "%" sign; BLANK when the box has none. */
function readBox8Percent(reader: LayoutReader): DecimalField {
  const hit = reader.hits("box8OtherAmount")[0];
  if (!hit) return create(DecimalFieldSchema, { meta: notFoundMeta() });
  const line = reader.valueLines(hit, 1)[0];
  const at = line ? line.text.search(/\d+(?:\.\d+)?\s*%/) : -1;
  const pct = line && at >= 0 ? parsePercent(line.text.slice(at)) : undefined;
  if (!line || !pct) return create(DecimalFieldSchema, { meta: blankMeta(sourceOf(hit.cell), hit.matchConfidence) });
  return create(DecimalFieldSchema, { value: create(DecimalSchema, { value: pct.value }), meta: presentMeta(sourceOf(line.cell), pct.raw, lineConfidence(hit, line)) });
}
