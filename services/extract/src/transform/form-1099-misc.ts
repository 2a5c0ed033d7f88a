import { create } from "@bufbuild/protobuf";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { type Form1099Misc, Form1099MiscSchema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import type { ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { PAYER_HEADER_SPECS, readInformationReturnHeader } from "./information-return-header.js";
import { createLayoutReader } from "./layout-reader.js";
import { readCheckboxField } from "./layout/field-readers.js";
import type { LabelSpec } from "./layout/label-search.js";
import { type BoxDef, readMoneyBoxes } from "./tax/box-defs.js";
import { readStateLines } from "./tax/state-lines.js";
import { validate1099Misc } from "./validate-tax-forms.js";

type MoneyKey =
  | "box1Rents"
  | "box2Royalties"
  | "box3OtherIncome"
  | "box4FederalIncomeTaxWithheld"
  | "box5FishingBoatProceeds"
  | "box6MedicalHealthCarePayments"
  | "box8SubstitutePayments"
  | "box9CropInsuranceProceeds"
  | "box10GrossProceedsAttorney"
  | "box11FishPurchasedForResale"
  | "box12Section409aDeferrals"
  | "box14ExcessGoldenParachute"
  | "box15NonqualifiedDeferredComp";

const MONEY: ReadonlyArray<BoxDef<MoneyKey>> = [
  { key: "box1Rents", box: "1", synonyms: ["rents"] },
  { key: "box2Royalties", box: "2", synonyms: ["royalties"] },
  { key: "box3OtherIncome", box: "3", synonyms: ["other income"] },
  { key: "box4FederalIncomeTaxWithheld", box: "4", synonyms: ["federal income tax withheld", "backup withholding"] },
  { key: "box5FishingBoatProceeds", box: "5", synonyms: ["fishing boat proceeds"] },
  { key: "box6MedicalHealthCarePayments", box: "6", synonyms: ["medical and health care payments", "medical and health care pmts"] },
  { key: "box8SubstitutePayments", box: "8", synonyms: ["substitute payments in lieu of dividends or interest", "substitute payments"] },
  { key: "box9CropInsuranceProceeds", box: "9", synonyms: ["crop insurance proceeds"] },
  { key: "box10GrossProceedsAttorney", box: "10", synonyms: ["gross proceeds paid to an attorney", "gross proceeds paid to attorney"] },
  { key: "box11FishPurchasedForResale", box: "11", synonyms: ["fish purchased for resale"] },
  { key: "box12Section409aDeferrals", box: "12", synonyms: ["section 409a deferrals", "sec 409a deferrals"] },
  { key: "box14ExcessGoldenParachute", box: "14", synonyms: ["excess golden parachute payments", "golden parachute payments"] },
  { key: "box15NonqualifiedDeferredComp", box: "15", synonyms: ["nonqualified deferred compensation", "nonqualified deferred comp"] },
];

const OTHER: readonly LabelSpec[] = [
  {
    key: "box7DirectSales",
    box: "7",
    synonyms: ["payer made direct sales totaling $5,000 or more of consumer products to recipient for resale", "payer made direct sales", "direct sales of $5,000 or more"],
  },
  { key: "fatca", box: "13", synonyms: ["fatca filing requirement"] },
  { key: "stateTax", box: "16", synonyms: ["state tax withheld"] },
  { key: "state", box: "17", synonyms: ["state/payer's state no", "state payer's state number", "state"] },
  { key: "stateIncome", box: "18", synonyms: ["state income"] },
];

/** Form 1099-MISC from the pages' layout, with its validation issues. */
export function transform1099Misc(pages: PageResult[]): { document: Form1099Misc; issues: ValidationIssue[] } {
  const reader = createLayoutReader(pages, [...PAYER_HEADER_SPECS, ...MONEY, ...OTHER]);
  const h = readInformationReturnHeader(reader);
  const document = create(Form1099MiscSchema, {
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
    box7DirectSales5000Checkbox: readCheckboxField(reader, "box7DirectSales"),
    box13FatcaFilingRequirement: readCheckboxField(reader, "fatca"),
    stateLines: readStateLines(reader, { state: "state", taxWithheld: "stateTax", income: "stateIncome" }),
  });
  return { document, issues: validate1099Misc(document) };
}
