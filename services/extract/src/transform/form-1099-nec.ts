import { create } from "@bufbuild/protobuf";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { type Form1099Nec, Form1099NecSchema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import type { ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { PAYER_HEADER_SPECS, readInformationReturnHeader } from "./information-return-header.js";
import { createLayoutReader } from "./layout-reader.js";
import { readCheckboxField } from "./layout/field-readers.js";
import type { LabelSpec } from "./layout/label-search.js";
import { type BoxDef, readMoneyBoxes } from "./tax/box-defs.js";
import { readStateLines } from "./tax/state-lines.js";
import { validate1099Nec } from "./validate-tax-forms.js";

type MoneyKey = "box1NonemployeeCompensation" | "box3ExcessGoldenParachute" | "box4FederalIncomeTaxWithheld";

const MONEY: ReadonlyArray<BoxDef<MoneyKey>> = [
  { key: "box1NonemployeeCompensation", box: "1", synonyms: ["nonemployee compensation", "non-employee compensation"] },
  // Box 3 is new for 2025; earlier revisions print an empty "3".
  { key: "box3ExcessGoldenParachute", box: "3", synonyms: ["excess golden parachute payments", "golden parachute payments"], boxOnly: true },
  { key: "box4FederalIncomeTaxWithheld", box: "4", synonyms: ["federal income tax withheld", "backup withholding"] },
];

const OTHER: readonly LabelSpec[] = [
  {
    key: "box2DirectSales",
    box: "2",
    synonyms: ["payer made direct sales totaling $5,000 or more of consumer products to recipient for resale", "payer made direct sales", "direct sales of $5,000 or more"],
  },
  { key: "fatca", synonyms: ["fatca filing requirement"] },
  { key: "stateTax", box: "5", synonyms: ["state tax withheld"] },
  { key: "state", box: "6", synonyms: ["state/payer's state no", "state payer's state number", "state"] },
  { key: "stateIncome", box: "7", synonyms: ["state income"] },
];

/** Form 1099-NEC from the pages' layout, with its validation issues. */
export function transform1099Nec(pages: PageResult[]): { document: Form1099Nec; issues: ValidationIssue[] } {
  const reader = createLayoutReader(pages, [...PAYER_HEADER_SPECS, ...MONEY, ...OTHER]);
  const h = readInformationReturnHeader(reader);
  const document = create(Form1099NecSchema, {
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
    box2DirectSales5000Checkbox: readCheckboxField(reader, "box2DirectSales"),
    stateLines: readStateLines(reader, { state: "state", taxWithheld: "stateTax", income: "stateIncome" }),
  });
  return { document, issues: validate1099Nec(document) };
}
