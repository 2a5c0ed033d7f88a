import { create } from "@bufbuild/protobuf";
import {
  type AddressField,
  AddressFieldSchema,
  type CheckboxField,
  type IntField,
  type MaskedNumberField,
  type TaxIdField,
  type TextField,
  TextFieldSchema,
  TinType,
} from "@docproc/gen/docproc/v1/values_pb.js";
import { splitNameAndAddress } from "../fields/address.js";
import { blankMeta, notFoundMeta, presentMeta } from "../fields/field-meta.js";
import type { LayoutReader } from "./layout-reader.js";
import { readCheckboxField, readMaskedNumberField, readTaxIdField } from "./layout/field-readers.js";
import { sourceOf } from "./layout/layout-cells.js";
import type { LabelSpec } from "./layout/label-search.js";
import { lineConfidence } from "./layout/line-fields.js";
import { findCopy } from "./tax/form-copy.js";
import { findTaxYear } from "./tax/form-year.js";
import { addressField, dropDebris, readPartyBlock, takePhone } from "./tax/party-block.js";

/**
 * The header every 1099 and the 1098 share: the filer (payer or lender)
 * block and TIN, the other party (recipient or borrower) with name, address
 * and TIN, the account number, tax year, copy and the CORRECTED box.
 */
export interface InformationReturnHeader {
  taxYear: IntField;
  copy: TextField;
  corrected: CheckboxField;
  filerName: TextField;
  filerAddress: AddressField;
  filerPhone: TextField;
  filerTin: TaxIdField;
  partyName: TextField;
  partyAddress: AddressField;
  partyTin: TaxIdField;
  accountNumber: MaskedNumberField;
}

const SHARED: LabelSpec[] = [
  { key: "hdr.partyStreet", synonyms: ["street address including apt no", "street address"] },
  {
    key: "hdr.partyCity",
    synonyms: ["city or town state or province country and zip or foreign postal code", "city state and zip code", "city or town", "city state zip"],
  },
  { key: "hdr.account", synonyms: ["account number see instructions", "account number", "account no", "acct no"] },
  { key: "hdr.corrected", synonyms: ["corrected if checked", "corrected"], standalone: true },
  { key: "hdr.filerPhone", synonyms: ["payer's telephone number", "payer's telephone no", "lender's telephone number", "telephone number"] },
  // Substitute forms may print the filer's address in labelled lines of its own.
  { key: "hdr.filerStreet", synonyms: ["payer's street address", "lender's street address"] },
  { key: "hdr.filerCity", synonyms: ["payer's city or town state or province country and zip or foreign postal code", "payer's city state and zip code", "lender's city state and zip code"] },
];

/** Label specs of the 1099 header (payer and recipient). */
export const PAYER_HEADER_SPECS: readonly LabelSpec[] = [
  ...SHARED,
  {
    key: "hdr.filerBlock",
    synonyms: [
      "payer's name street address city or town state or province country zip or foreign postal code and telephone no",
      "payer's name street address city state zip code and telephone number",
      "payer's name street address city or town state or province country",
      "payer's name and address",
      "payer's name",
      "issuer's name",
    ],
  },
  {
    key: "hdr.filerTin",
    synonyms: ["payer's tin", "payer's federal identification number", "payer's taxpayer identification number", "payer's tax id number", "payer's ein", "payer's federal id number"],
  },
  {
    key: "hdr.partyTin",
    synonyms: ["recipient's tin", "recipient's identification number", "recipient's taxpayer identification number", "recipient's ssn", "recipient's tax id number", "recipient's federal identification number"],
  },
  { key: "hdr.partyName", synonyms: ["recipient's name", "recipient name"] },
];

/** Label specs of the 1098 header (recipient/lender and payer/borrower). */
export const LENDER_HEADER_SPECS: readonly LabelSpec[] = [
  ...SHARED,
  {
    key: "hdr.filerBlock",
    synonyms: [
      "recipient's lender's name street address city or town state or province country zip or foreign postal code and telephone number",
      "recipient's lender's name street address city or town state or province country",
      "recipient's lender's name",
      "lender's name and address",
      "lender's name",
    ],
  },
  { key: "hdr.filerTin", synonyms: ["recipient's lender's tin", "lender's tin", "lender's federal identification number", "recipient's lender's federal identification number"] },
  { key: "hdr.partyTin", synonyms: ["payer's borrower's tin", "borrower's tin", "payer's borrower's taxpayer identification number", "borrower's ssn", "borrower's taxpayer identification number"] },
  { key: "hdr.partyName", synonyms: ["payer's borrower's name", "borrower's name"] },
];

/** Reads the shared header; the reader must have been built with PAYER_HEADER_SPECS or LENDER_HEADER_SPECS. */
export function readInformationReturnHeader(reader: LayoutReader): InformationReturnHeader {
  const filer = readPartyBlock(reader, "hdr.filerBlock");
  const filerAddress = filer.address.value ? filer.address : (separateAddress(reader, "hdr.filerStreet", "hdr.filerCity") ?? filer.address);
  const party = readParty(reader);
  const separatePhone = reader.hits("hdr.filerPhone")[0];
  let filerPhone = filer.phone;
  if (!filerPhone.value && separatePhone) {
    const line = reader.valueLines(separatePhone, 1)[0];
    const phone = line && takePhone([line.text]).phone;
    if (line && phone) filerPhone = create(TextFieldSchema, { value: phone, meta: presentMeta(sourceOf(line.cell), phone, lineConfidence(separatePhone, line)) });
  }
  return {
    taxYear: findTaxYear(reader.cells),
    copy: findCopy(reader.cells),
    corrected: readCheckboxField(reader, "hdr.corrected"),
    filerName: filer.name,
    filerAddress,
    filerPhone,
    filerTin: readTaxIdField(reader, "hdr.filerTin", TinType.EIN),
    partyName: party.name,
    partyAddress: party.address,
    partyTin: readTaxIdField(reader, "hdr.partyTin", TinType.SSN),
    accountNumber: readMaskedNumberField(reader, "hdr.account"),
  };
}

/**
 * The recipient/borrower: name from its box; address from the street and city
 * boxes, or — when the form prints one "name and address" block — from the
 * lines after the name.
 */
function readParty(reader: LayoutReader): { name: TextField; address: AddressField } {
  const nameHit = reader.hits("hdr.partyName")[0];
  const nameLines = nameHit ? dropDebris(reader.valueLines(nameHit, 5)) : [];
  const split = splitNameAndAddress(nameLines.map((l) => l.text));
  const first = nameLines[0];
  const nameText = split.nameLines.join(" ").trim();
  const name = !nameHit
    ? create(TextFieldSchema, { value: "", meta: notFoundMeta() })
    : nameText && first
      ? create(TextFieldSchema, { value: nameText, meta: presentMeta(sourceOf(first.cell), split.nameLines.join("\n"), lineConfidence(nameHit, first)) })
      : create(TextFieldSchema, { value: "", meta: blankMeta(sourceOf(nameHit.cell), nameHit.matchConfidence) });

  const separate = separateAddress(reader, "hdr.partyStreet", "hdr.partyCity");
  if (separate) return { name, address: separate };
  if (nameHit && split.addressLines.length > 0) return { name, address: addressField(nameHit, nameLines, split.addressLines) };
  return { name, address: create(AddressFieldSchema, { meta: notFoundMeta() }) };
}

/** An address printed as a "Street address" box and a "City, state, ZIP" box; undefined when neither label is there. */
function separateAddress(reader: LayoutReader, streetKey: string, cityKey: string): AddressField | undefined {
  const streetHit = reader.hits(streetKey)[0];
  const cityHit = reader.hits(cityKey)[0];
  if (!streetHit && !cityHit) return undefined;
  const street = streetHit ? dropDebris(reader.valueLines(streetHit, 2)) : [];
  const city = cityHit ? dropDebris(reader.valueLines(cityHit, 1)) : [];
  const lines = [...street, ...city];
  return addressField((streetHit ?? cityHit)!, lines, lines.map((l) => l.text));
}
