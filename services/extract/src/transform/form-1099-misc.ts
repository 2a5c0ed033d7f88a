import { create } from "@bufbuild/protobuf";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { type Form1099Misc, Form1099MiscSchema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import type { ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { readInformationReturn } from "./information-return.js";
import type { BoxSpec } from "./tax/box-fields.js";
import { readStateLines } from "./tax/state-lines.js";
import { validate1099Misc } from "./validate-tax-forms.js";

const BOXES = [
  { key: "box1Rents", kind: "money", box: "1", synonyms: ["rents"] },
  { key: "box2Royalties", kind: "money", box: "2", synonyms: ["royalties"] },
  { key: "box3OtherIncome", kind: "money", box: "3", synonyms: ["other income"] },
  { key: "box4FederalIncomeTaxWithheld", kind: "money", box: "4", synonyms: ["federal income tax withheld", "backup withholding"] },
  { key: "box5FishingBoatProceeds", kind: "money", box: "5", synonyms: ["fishing boat proceeds"] },
  { key: "box6MedicalHealthCarePayments", kind: "money", box: "6", synonyms: ["medical and health care payments", "medical and health care pmts"] },
  { key: "box8SubstitutePayments", kind: "money", box: "8", synonyms: ["substitute payments in lieu of dividends or interest", "substitute payments"] },
  { key: "box9CropInsuranceProceeds", kind: "money", box: "9", synonyms: ["crop insurance proceeds"] },
  { key: "box10GrossProceedsAttorney", kind: "money", box: "10", synonyms: ["gross proceeds paid to an attorney", "gross proceeds paid to attorney"] },
  { key: "box11FishPurchasedForResale", kind: "money", box: "11", synonyms: ["fish purchased for resale"] },
  { key: "box12Section409aDeferrals", kind: "money", box: "12", synonyms: ["section 409a deferrals", "sec 409a deferrals"] },
  { key: "box14ExcessGoldenParachute", kind: "money", box: "14", synonyms: ["excess golden parachute payments", "golden parachute payments"] },
  { key: "box15NonqualifiedDeferredComp", kind: "money", box: "15", synonyms: ["nonqualified deferred compensation", "nonqualified deferred comp"] },
  {
    key: "box7DirectSales5000Checkbox",
    kind: "checkbox",
    box: "7",
    synonyms: ["payer made direct sales totaling $5,000 or more of consumer products to recipient for resale", "payer made direct sales", "direct sales of $5,000 or more"],
  },
  { key: "box13FatcaFilingRequirement", kind: "checkbox", box: "13", synonyms: ["fatca filing requirement"] },
  { key: "stateTax", box: "16", synonyms: ["state tax withheld"] },
  { key: "state", box: "17", synonyms: ["state/payer's state no", "state payer's state number", "state"] },
  { key: "stateIncome", box: "18", synonyms: ["state income"] },
] as const satisfies readonly BoxSpec[];

/** Form 1099-MISC from the pages' layout, with its validation issues. */
export function transform1099Misc(pages: PageResult[]): { document: Form1099Misc; issues: ValidationIssue[] } {
  const { reader, fields } = readInformationReturn(pages, "payer", BOXES);
  const document = create(Form1099MiscSchema, { ...fields, stateLines: readStateLines(reader) });
  return { document, issues: validate1099Misc(document) };
}
