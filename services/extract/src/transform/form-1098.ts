import { create } from "@bufbuild/protobuf";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { type Form1098, Form1098Schema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import { type AddressField, AddressFieldSchema, type ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { notFoundMeta } from "../fields/field-meta.js";
import { LENDER_HEADER_SPECS, readInformationReturnHeader } from "./information-return-header.js";
import { type LayoutReader, createLayoutReader } from "./layout-reader.js";
import { readCheckboxField, readDateField, readIntField } from "./layout/field-readers.js";
import type { LabelSpec } from "./layout/label-search.js";
import { type BoxDef, readMoneyBoxes } from "./tax/box-defs.js";
import { readLabeledAmounts } from "./tax/labeled-amounts.js";
import { addressField } from "./tax/party-block.js";
import { validate1098 } from "./validate-tax-forms.js";

type MoneyKey =
  | "box1MortgageInterest"
  | "box2OutstandingPrincipal"
  | "box4RefundOverpaidInterest"
  | "box5MortgageInsurancePremiums"
  | "box6PointsPaid";

const MONEY: ReadonlyArray<BoxDef<MoneyKey>> = [
  { key: "box1MortgageInterest", box: "1", synonyms: ["mortgage interest received from payer(s)/borrower(s)", "mortgage interest received from borrower", "mortgage interest"] },
  { key: "box2OutstandingPrincipal", box: "2", synonyms: ["outstanding mortgage principal", "outstanding principal"] },
  { key: "box4RefundOverpaidInterest", box: "4", synonyms: ["refund of overpaid interest", "overpaid interest refund"] },
  { key: "box5MortgageInsurancePremiums", box: "5", synonyms: ["mortgage insurance premiums"] },
  { key: "box6PointsPaid", box: "6", synonyms: ["points paid on purchase of principal residence", "points paid"] },
];

const OTHER: readonly LabelSpec[] = [
  { key: "box3", box: "3", synonyms: ["mortgage origination date", "origination date"] },
  {
    key: "box7",
    box: "7",
    synonyms: [
      "if address of property securing mortgage is the same as payer's/borrower's address the box is checked",
      "if address of property securing mortgage is the same as payer's/borrower's address",
      "property address same as borrower's address",
    ],
  },
  { key: "box8", box: "8", synonyms: ["address or description of property securing mortgage", "address of property securing mortgage", "property address"] },
  { key: "box9", box: "9", synonyms: ["number of properties securing the mortgage", "number of mortgaged properties"] },
  { key: "box10", box: "10", synonyms: ["other"] },
  { key: "box11", box: "11", synonyms: ["mortgage acquisition date", "acquisition date"] },
];

/** Form 1098 from the pages' layout, with its validation issues. */
export function transform1098(pages: PageResult[]): { document: Form1098; issues: ValidationIssue[] } {
  const reader = createLayoutReader(pages, [...LENDER_HEADER_SPECS, ...MONEY, ...OTHER]);
  const h = readInformationReturnHeader(reader);
  const document = create(Form1098Schema, {
    taxYear: h.taxYear,
    copy: h.copy,
    corrected: h.corrected,
    lenderName: h.filerName,
    lenderAddress: h.filerAddress,
    lenderPhone: h.filerPhone,
    lenderTin: h.filerTin,
    borrowerName: h.partyName,
    borrowerAddress: h.partyAddress,
    borrowerTin: h.partyTin,
    accountNumber: h.accountNumber,
    ...readMoneyBoxes(reader, MONEY),
    box3OriginationDate: readDateField(reader, "box3"),
    box7PropertyAddressSame: readCheckboxField(reader, "box7"),
    box8PropertyAddress: readPropertyAddress(reader),
    box9NumberOfProperties: readIntField(reader, "box9", { min: 1, max: 999 }),
    box10Other: readLabeledAmounts(reader, "box10"),
    box11AcquisitionDate: readDateField(reader, "box11"),
  });
  return { document, issues: validate1098(document) };
}

/** Box 8: the property's address; a description that is not an address is kept as raw text (ILLEGIBLE). */
function readPropertyAddress(reader: LayoutReader): AddressField {
  const hit = reader.hits("box8")[0];
  if (!hit) return create(AddressFieldSchema, { meta: notFoundMeta() });
  const lines = reader.valueLines(hit, 4);
  return addressField(hit, lines, lines.map((l) => l.text));
}
