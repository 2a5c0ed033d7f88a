import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { AddressField, TaxIdField, TextField } from "@docproc/gen/docproc/v1/values_pb.js";
import {
  type InformationReturnHeader,
  LENDER_HEADER_SPECS,
  PAYER_HEADER_SPECS,
  readInformationReturnHeader,
} from "./information-return-header.js";
import { type LayoutReader, createLayoutReader } from "./layout-reader.js";
import { type BoxFields, type BoxSpec, readBoxFields } from "./tax/box-fields.js";

/** How each kind of information return names its two parties. */
const ROLES = {
  /** The 1099s: the payer files, the recipient is paid. */
  payer: { filer: "payer", party: "recipient", specs: PAYER_HEADER_SPECS },
  /** The 1098: the lender (the "recipient" of the interest) files about the borrower. */
  lender: { filer: "lender", party: "borrower", specs: LENDER_HEADER_SPECS },
} as const;

type Role = keyof typeof ROLES;
type Filer<R extends Role> = (typeof ROLES)[R]["filer"];
type Party<R extends Role> = (typeof ROLES)[R]["party"];

/** The header fields under the form's own names ("payerTin", "borrowerAddress"...). */
export type HeaderFields<R extends Role> = Pick<InformationReturnHeader, "taxYear" | "copy" | "corrected" | "accountNumber"> &
  Record<`${Filer<R>}Name` | `${Filer<R>}Phone` | `${Party<R>}Name`, TextField> &
  Record<`${Filer<R>}Address` | `${Party<R>}Address`, AddressField> &
  Record<`${Filer<R>}Tin` | `${Party<R>}Tin`, TaxIdField>;

/**
 * Reads what every 1099 and the 1098 share: the header under the role's field
 * names, and each box of the form's specs that has a kind. Returns the reader
 * too, for the boxes the form reads itself.
 */
export function readInformationReturn<R extends Role, const S extends readonly BoxSpec[]>(
  pages: readonly PageResult[],
  role: R,
  specs: S,
): { reader: LayoutReader; fields: HeaderFields<R> & BoxFields<S> } {
  const { filer, party, specs: headerSpecs } = ROLES[role];
  const reader = createLayoutReader(pages, [...headerSpecs, ...specs]);
  const h = readInformationReturnHeader(reader);
  const header = {
    taxYear: h.taxYear,
    copy: h.copy,
    corrected: h.corrected,
    [`${filer}Name`]: h.filerName,
    [`${filer}Address`]: h.filerAddress,
    [`${filer}Phone`]: h.filerPhone,
    [`${filer}Tin`]: h.filerTin,
    [`${party}Name`]: h.partyName,
    [`${party}Address`]: h.partyAddress,
    [`${party}Tin`]: h.partyTin,
    accountNumber: h.accountNumber,
  };
  return { reader, fields: { ...header, ...readBoxFields(reader, specs) } as HeaderFields<R> & BoxFields<S> };
}
