import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";

/**
 * The one mapping between the proto enum and the REST / CLI labels of the
 * system we replace. Everything that speaks labels goes through here.
 */
const LABELS: ReadonlyArray<readonly [DocumentType, string]> = [
  [DocumentType.W2, "W2"],
  [DocumentType.FORM_1099_INT, "1099-INT"],
  [DocumentType.FORM_1099_DIV, "1099-DIV"],
  [DocumentType.FORM_1099_MISC, "1099-MISC"],
  [DocumentType.FORM_1099_NEC, "1099-NEC"],
  [DocumentType.FORM_1099_R, "1099-R"],
  [DocumentType.FORM_1098, "1098"],
  [DocumentType.BANK_STATEMENT, "bank_statement"],
  [DocumentType.CREDIT_CARD_STATEMENT, "credit_card_statement"],
  [DocumentType.INVOICE, "invoice"],
  [DocumentType.RECEIPT, "receipt"],
  [DocumentType.CHECK, "check"],
  [DocumentType.OTHER, "other"],
];

const byType = new Map(LABELS);
const byLabel = new Map(LABELS.map(([type, label]) => [label.toLowerCase(), type]));

/** The 13 document types, in label order. */
export const DOCUMENT_TYPES: readonly DocumentType[] = LABELS.map(([type]) => type);

/** The 13 REST labels, in enum order. */
export const DOCUMENT_TYPE_LABELS: readonly string[] = LABELS.map(([, label]) => label);

/** The REST label of a type ("W2", "1099-INT", ...); "" for UNSPECIFIED. */
export function documentTypeLabel(type: DocumentType): string {
  return byType.get(type) ?? "";
}

/**
 * Parses a REST label, case-insensitively, also accepting the enum names
 * ("DOCUMENT_TYPE_W2", "W2") and common spellings ("W-2", "1099int").
 * Returns undefined for anything else.
 */
export function parseDocumentTypeLabel(text: string): DocumentType | undefined {
  const raw = text.trim().toLowerCase();
  const direct = byLabel.get(raw);
  if (direct !== undefined) return direct;
  const name = raw.replace(/^document_type_/, "").replace(/^form_/, "");
  const compact = name.replace(/[\s_-]/g, "");
  for (const [type, label] of LABELS) {
    const enumName = DocumentType[type].toLowerCase().replace(/^form_/, "");
    if (enumName === name || enumName.replace(/_/g, "") === compact) return type;
    if (label.toLowerCase().replace(/[\s_-]/g, "") === compact) return type;
  }
  return undefined;
}
