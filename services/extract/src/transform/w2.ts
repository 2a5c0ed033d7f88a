import { create } from "@bufbuild/protobuf";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { type W2, W2Schema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import {
  type CheckboxField,
  CheckboxFieldSchema,
  CheckState,
  type NameField,
  NameFieldSchema,
  TinType,
  type ValidationIssue,
} from "@docproc/gen/docproc/v1/values_pb.js";
import { MATCH_CONFIDENCE, blankMeta, notFoundMeta, presentMeta } from "../fields/field-meta.js";
import { splitNameAndAddress } from "../fields/address.js";
import { parsePersonName } from "../fields/person-name.js";
import { type LayoutReader, createLayoutReader } from "./layout-reader.js";
import { readCheckboxField, readTaxIdField, readTextField } from "./layout/field-readers.js";
import { sourceOf } from "./layout/layout-cells.js";
import { lineConfidence } from "./layout/line-fields.js";
import { readBoxFields } from "./tax/box-fields.js";
import { findCopy } from "./tax/form-copy.js";
import { findTaxYear } from "./tax/form-year.js";
import { readLabeledAmounts } from "./tax/labeled-amounts.js";
import { addressField, blockLines, dropDebris, readPartyBlock } from "./tax/party-block.js";
import { readLocalLines, readW2StateLines } from "./tax/state-lines.js";
import { readBox12 } from "./tax/w2-box12.js";
import { readBox13 } from "./tax/w2-box13.js";
import { W2_MONEY, W2_OTHER } from "./tax/w2-specs.js";
import { validateW2 } from "./validate-tax-forms.js";

/** Form W-2 from the pages' layout, with its validation issues. */
export function transformW2(pages: PageResult[]): { document: W2; issues: ValidationIssue[] } {
  const reader = createLayoutReader(pages, [...W2_MONEY, ...W2_OTHER]);
  const employer = readPartyBlock(reader, "employer", 6);
  const box13 = readBox13(reader);
  const document = create(W2Schema, {
    taxYear: findTaxYear(reader.cells),
    copy: findCopy(reader.cells),
    corrected: readCorrected(reader),
    employeeSsn: readTaxIdField(reader, "ssn", TinType.SSN),
    employerEin: readTaxIdField(reader, "ein", TinType.EIN),
    employerName: employer.name,
    employerAddress: employer.address,
    controlNumber: readTextField(reader, "control"),
    ...readEmployee(reader),
    ...readBoxFields(reader, W2_MONEY),
    box9: readTextField(reader, "box9"),
    box12: readBox12(reader),
    box13StatutoryEmployee: box13.box13Statutory,
    box13RetirementPlan: box13.box13Retirement,
    box13ThirdPartySickPay: box13.box13SickPay,
    box14Other: readLabeledAmounts(reader, "box14"),
    stateLines: readW2StateLines(reader, { state: "state", stateId: "stateId", wages: "stateWages", tax: "stateTax" }),
    localLines: readLocalLines(reader, { wages: "localWages", tax: "localTax", locality: "locality" }),
  });
  return { document, issues: validateW2(document) };
}

/** Box e (name, split into parts) and box f (address); a combined "name and address" box e fills both. */
function readEmployee(reader: LayoutReader): { employeeName: NameField; employeeAddress: W2["employeeAddress"] } {
  const nameHit = reader.hits("employeeName")[0];
  const addressHit = reader.hits("employeeAddress")[0];
  const nameLines = nameHit ? (addressHit ? dropDebris(reader.valueLines(nameHit, 1)) : blockLines(reader, nameHit, 5)) : [];
  const split = splitNameAndAddress(nameLines.map((l) => l.text));
  const first = nameLines[0];
  const full = split.nameLines.join(" ").trim();
  const employeeName = !nameHit
    ? create(NameFieldSchema, { meta: notFoundMeta() })
    : full && first
      ? create(NameFieldSchema, { value: parsePersonName(full), meta: presentMeta(sourceOf(first.cell), full, lineConfidence(nameHit, first)) })
      : create(NameFieldSchema, { meta: blankMeta(sourceOf(nameHit.cell), nameHit.matchConfidence) });
  if (addressHit) {
    const lines = blockLines(reader, addressHit, 4);
    return { employeeName, employeeAddress: addressField(addressHit, lines, lines.map((l) => l.text)) };
  }
  if (nameHit && split.addressLines.length > 0) return { employeeName, employeeAddress: addressField(nameHit, nameLines, split.addressLines) };
  return { employeeName, employeeAddress: readPartyBlock(reader, "employeeAddress").address };
}

/** A W-2c (or a form marked corrected) is a correction; a plain W-2 title means it is not. */
function readCorrected(reader: LayoutReader): CheckboxField {
  const marked = readCheckboxField(reader, "corrected");
  if (marked.value === CheckState.CHECKED) return marked;
  const title = reader.cells.find((c) => /\bForm\s+W-?2c?\b|Wage and Tax Statement/i.test(c.text));
  if (!title) return marked;
  const corrected = /\bW-?2c\b|Corrected Wage and Tax Statement/i.test(title.text);
  return create(CheckboxFieldSchema, {
    value: corrected ? CheckState.CHECKED : CheckState.UNCHECKED,
    meta: presentMeta(sourceOf(title), corrected ? title.text : "", MATCH_CONFIDENCE.INFERRED),
  });
}
