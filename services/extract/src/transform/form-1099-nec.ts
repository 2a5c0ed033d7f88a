import { create } from "@bufbuild/protobuf";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { type Form1099Nec, Form1099NecSchema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import type { ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { readInformationReturn } from "./information-return.js";
import type { BoxSpec } from "./tax/box-fields.js";
import { readStateLines } from "./tax/state-lines.js";
import { validate1099Nec } from "./validate-tax-forms.js";

const BOXES = [
  { key: "box1NonemployeeCompensation", kind: "money", box: "1", synonyms: ["nonemployee compensation", "non-employee compensation"] },
  // Box 3 is new for 2025; earlier revisions print an empty "3".
  { key: "box3ExcessGoldenParachute", kind: "money", box: "3", synonyms: ["excess golden parachute payments", "golden parachute payments"], boxOnly: true },
  { key: "box4FederalIncomeTaxWithheld", kind: "money", box: "4", synonyms: ["federal income tax withheld", "backup withholding"] },
  {
    key: "box2DirectSales5000Checkbox",
    kind: "checkbox",
    box: "2",
    synonyms: ["payer made direct sales totaling $5,000 or more of consumer products to recipient for resale", "payer made direct sales", "direct sales of $5,000 or more"],
  },
  // Found so that its label is not read as another box's; the NEC message has no FATCA field.
  { key: "fatca", synonyms: ["fatca filing requirement"] },
  { key: "stateTax", box: "5", synonyms: ["state tax withheld"] },
  { key: "state", box: "6", synonyms: ["state/payer's state no", "state payer's state number", "state"] },
  { key: "stateIncome", box: "7", synonyms: ["state income"] },
] as const satisfies readonly BoxSpec[];

/** Form 1099-NEC from the pages' layout, with its validation issues. */
export function transform1099Nec(pages: PageResult[]): { document: Form1099Nec; issues: ValidationIssue[] } {
  const { reader, fields } = readInformationReturn(pages, "payer", BOXES);
  const document = create(Form1099NecSchema, { ...fields, stateLines: readStateLines(reader) });
  return { document, issues: validate1099Nec(document) };
}
