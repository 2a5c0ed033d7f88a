import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";

/**
 * The label scheme the vision model answers in. It is NOT the REST label set ("W2", "1099-INT", ...):
 * the class confidence is read from the log-probabilities of the FIRST generated token only, so every
 * class needs a label whose first token differs from every other class's.
 *
 * Why these words:
 * - Qwen tokenizers split digits into single-digit tokens, so "1099-INT", "1099-DIV", "1099-MISC",
 *   "1099-NEC", "1099-R" and "1098" would all start with the token "1" and be indistinguishable at
 *   position 0. Every label here is a lowercase English word with no digit.
 * - The words are common, so in Qwen2's byte-level BPE (a cl100k-style vocabulary) they are single
 *   tokens or start with a word-like piece ("wage", "interest", "div…", "misc…"/"mis…", "non…",
 *   "pension", "mort…", "bank", "card", "invoice", "receipt", "check", "other").
 * - No label is a prefix of another, and the pairs sharing a first letter differ by the second or
 *   third character: interest/invoice ("int"/"inv"), miscellaneous/mortgage ("mis"/"mor"),
 *   card/check ("ca"/"ch"). 1099-R is "pension" rather than "retirement" because "retirement" and
 *   "receipt" would share "re", a very common BPE piece.
 * - A first token that is a prefix of two labels ("i", "in", "m", "c") cannot be attributed from
 *   position 0 alone; class-distribution.ts handles those (see there). Canonical tokenisations of
 *   these words do not start with such a piece; check with vLLM's /tokenize endpoint when the model
 *   changes.
 */
interface ClassLabel {
  /** What the model answers (the structured-output choice). */
  label: string;
  type: DocumentType;
  /** One line shown to the model; form names as printed so the model recognises them. */
  description: string;
}

const CLASS_LABEL_TABLE: readonly ClassLabel[] = [
  { label: "wage", type: DocumentType.W2, description: "Form W-2, Wage and Tax Statement (an employee's annual wages and withheld taxes)" },
  { label: "interest", type: DocumentType.FORM_1099_INT, description: "Form 1099-INT, Interest Income" },
  { label: "dividend", type: DocumentType.FORM_1099_DIV, description: "Form 1099-DIV, Dividends and Distributions" },
  {
    label: "miscellaneous",
    type: DocumentType.FORM_1099_MISC,
    description: "Form 1099-MISC, Miscellaneous Information / Miscellaneous Income (rents, royalties, other income)",
  },
  { label: "nonemployee", type: DocumentType.FORM_1099_NEC, description: "Form 1099-NEC, Nonemployee Compensation" },
  {
    label: "pension",
    type: DocumentType.FORM_1099_R,
    description: "Form 1099-R, Distributions From Pensions, Annuities, Retirement or Profit-Sharing Plans, IRAs",
  },
  { label: "mortgage", type: DocumentType.FORM_1098, description: "Form 1098, Mortgage Interest Statement" },
  {
    label: "bank",
    type: DocumentType.BANK_STATEMENT,
    description: "a bank or credit-union account statement (checking or savings; balances, deposits, withdrawals)",
  },
  {
    label: "card",
    type: DocumentType.CREDIT_CARD_STATEMENT,
    description: "a credit-card statement (new balance, minimum payment due, credit limit)",
  },
  { label: "invoice", type: DocumentType.INVOICE, description: "a commercial invoice from a vendor to a customer (line items, amount due)" },
  { label: "receipt", type: DocumentType.RECEIPT, description: "a point-of-sale purchase receipt from a store, restaurant or pharmacy" },
  { label: "check", type: DocumentType.CHECK, description: "a personal or business check (pay to the order of, amount in words)" },
  { label: "other", type: DocumentType.OTHER, description: "anything else, such as a pay stub, a utility bill, a letter or another form" },
];

/** The 13 model labels, in DocumentType order: the structured-output choice list. */
export const CLASS_LABELS: readonly string[] = CLASS_LABEL_TABLE.map((entry) => entry.label);

const typeByLabel = new Map(CLASS_LABEL_TABLE.map((entry) => [entry.label, entry.type]));
const labelByType = new Map(CLASS_LABEL_TABLE.map((entry) => [entry.type, entry.label]));

/** The DocumentType of a model label ("wage" → W2), case-insensitive; undefined for anything else. */
export function documentTypeForClassLabel(label: string): DocumentType | undefined {
  return typeByLabel.get(label.trim().toLowerCase());
}

/** The model label of a DocumentType ("wage" for W2); "" for UNSPECIFIED. */
export function classLabelFor(type: DocumentType): string {
  return labelByType.get(type) ?? "";
}

/**
 * Normalises a token as servers report it: byte-level BPE marks a leading space as "Ġ" (raw
 * vocabulary form) and SentencePiece as "▁"; vLLM usually returns decoded text with a real space.
 */
export function normaliseToken(token: string): string {
  return token.replace(/^[\sĠ▁]+/u, "").trimEnd().toLowerCase();
}

/**
 * The classes a first generated token can belong to: those whose label starts with it. One class
 * for a label's own first token; several for a bare shared prefix ("in"); none for a token that
 * begins no label (an unconstrained server answering "W2" gives "W").
 */
export function classesForToken(token: string): DocumentType[] {
  const piece = normaliseToken(token);
  if (piece === "") return [];
  return CLASS_LABEL_TABLE.filter((entry) => entry.label.startsWith(piece)).map((entry) => entry.type);
}

function labelBlock(): string {
  return CLASS_LABEL_TABLE.map((entry) => `${entry.label}: ${entry.description}`).join("\n");
}

const ANSWER_RULE = "Answer with the label only, in lowercase, with no other text.";

/** The default instruction: what to do, every label with its document, and the answer rule. */
export const DEFAULT_CLASSIFY_INSTRUCTION = [
  "Classify this document page. It is one of the following kinds; each line gives a label and the document it stands for:",
  "",
  labelBlock(),
  "",
  ANSWER_RULE,
].join("\n");

/**
 * The text sent with the page image. A caller's custom prompt keeps its wording, but the label
 * list and the answer rule are appended, because the answer is constrained to these labels anyway
 * and the model must know what each one means.
 */
export function buildClassifyInstruction(prompt?: string): string {
  const custom = prompt?.trim();
  if (!custom) return DEFAULT_CLASSIFY_INSTRUCTION;
  return [custom, "", "Answer with exactly one of these labels (label: document):", labelBlock(), "", ANSWER_RULE].join("\n");
}
