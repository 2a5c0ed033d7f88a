import { create } from "@bufbuild/protobuf";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { type Form1098, Form1098Schema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import { type AddressField, AddressFieldSchema, type ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { notFoundMeta } from "../fields/field-meta.js";
import { readInformationReturn } from "./information-return.js";
import type { LayoutReader } from "./layout-reader.js";
import type { BoxSpec } from "./tax/box-fields.js";
import { readLabeledAmounts } from "./tax/labeled-amounts.js";
import { addressField } from "./tax/party-block.js";
import { validate1098 } from "./validate-tax-forms.js";

const BOXES = [
  {
    key: "box1MortgageInterest",
    kind: "money",
    box: "1",
    synonyms: ["mortgage interest received from payer(s)/borrower(s)", "mortgage interest received from borrower", "mortgage interest"],
  },
  { key: "box2OutstandingPrincipal", kind: "money", box: "2", synonyms: ["outstanding mortgage principal", "outstanding principal"] },
  { key: "box4RefundOverpaidInterest", kind: "money", box: "4", synonyms: ["refund of overpaid interest", "overpaid interest refund"] },
  { key: "box5MortgageInsurancePremiums", kind: "money", box: "5", synonyms: ["mortgage insurance premiums"] },
  { key: "box6PointsPaid", kind: "money", box: "6", synonyms: ["points paid on purchase of principal residence", "points paid"] },
  { key: "box3OriginationDate", kind: "date", box: "3", synonyms: ["mortgage origination date", "origination date"] },
  {
    key: "box7PropertyAddressSame",
    kind: "checkbox",
    box: "7",
    synonyms: [
      "if address of property securing mortgage is the same as payer's/borrower's address the box is checked",
      "if address of property securing mortgage is the same as payer's/borrower's address",
      "property address same as borrower's address",
    ],
  },
  { key: "box8", box: "8", synonyms: ["address or description of property securing mortgage", "address of property securing mortgage", "property address"] },
  { key: "box9NumberOfProperties", kind: "int", range: [1, 999], box: "9", synonyms: ["number of properties securing the mortgage", "number of mortgaged properties"] },
  { key: "box10", box: "10", synonyms: ["other"] },
  { key: "box11AcquisitionDate", kind: "date", box: "11", synonyms: ["mortgage acquisition date", "acquisition date"] },
] as const satisfies readonly BoxSpec[];

/** Form 1098 from the pages' layout, with its validation issues. */
export function transform1098(pages: PageResult[]): { document: Form1098; issues: ValidationIssue[] } {
  const { reader, fields } = readInformationReturn(pages, "lender", BOXES);
  const document = create(Form1098Schema, {
    ...fields,
    box8PropertyAddress: readPropertyAddress(reader),
    box10Other: readLabeledAmounts(reader, "box10"),
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
