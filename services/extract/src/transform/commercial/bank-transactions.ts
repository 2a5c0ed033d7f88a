import { create } from "@bufbuild/protobuf";
import { type BankTransaction, BankTransactionSchema } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import type { DateContext, FoundAmount } from "../../fields/index.js";
import { dateField, metaOf, moneyField, textField } from "./field-build.js";
import type { DocLine, LayoutDoc } from "./layout-doc.js";
import { magnitude, near, nanos, withSign } from "./money-util.js";
import { rowDoc } from "./row-doc.js";
import { STATEMENT_ROLES, acceptStatementHeader } from "./statement-roles.js";
import { type RowDraft, statementRows } from "./statement-rows.js";

/** Rows that carry a balance, not a transaction. */
export const OPENING_ROW = /^(?:beginning|opening|previous|starting|prior)\s+(?:ledger\s+)?balance|^balance\s+(?:brought\s+)?forward|^balance\s+last\s+statement/i;
const CLOSING_ROW = /^(?:ending|closing|new)\s+(?:ledger\s+)?balance|^balance\s+this\s+statement/i;
const TOTAL_ROW = /^(?:total|subtotal|sub-total)\b/i;

const CREDIT_SECTION = /deposit|credit|addition|incoming|money\s+in|received/i;
const DEBIT_SECTION = /withdrawal|debit|subtraction|checks?\s+paid|fees?\b|charges|outgoing|money\s+out|purchases?|card\s+transactions|atm/i;
const CREDIT_WORDS = /\b(?:deposit|dep|payroll|credit|refund|interest\s+(?:paid|earned|payment)|transfer\s+from|xfer\s+from|from\b|received|reversal|rebate|cash\s+back)\b/i;

export interface BankRows {
  transactions: BankTransaction[];
  /** The balance printed on an opening row ("Beginning Balance … 7,954.05"). */
  opening?: { amount: FoundAmount; line: DocLine };
  /** Rows whose sign had to be guessed from words (no sign, column, section or balance). */
  guessedSigns: number;
}

/**
 * Bank transactions with signed amounts (credits positive). The sign comes,
 * in order of trust, from the printed sign or CR/DR, the debit/credit column,
 * the running balance (previous balance ± amount = printed balance), the
 * section title, and last the description's words.
 */
export function bankTransactions(doc: LayoutDoc, context: DateContext, beginning: bigint | undefined): BankRows {
  const read = readRows(doc, context, beginning);
  return read.transactions.length > 0 ? read : readRows(rowDoc(doc, STATEMENT_ROLES, acceptStatementHeader), context, beginning);
}

function readRows(doc: LayoutDoc, context: DateContext, beginning: bigint | undefined): BankRows {
  const rows = statementRows(doc, context);
  const out: BankTransaction[] = [];
  let previousBalance = beginning;
  let opening: BankRows["opening"];
  let guessedSigns = 0;
  let last: RowDraft | undefined;
  for (const row of rows) {
    if (OPENING_ROW.test(row.description) || CLOSING_ROW.test(row.description)) {
      const printed = row.balance ?? row.amount;
      if (OPENING_ROW.test(row.description) && printed && out.length === 0) {
        opening ??= { amount: printed, line: row.line };
        previousBalance = nanos(printed.value);
      }
      continue;
    }
    if (TOTAL_ROW.test(row.description) || !row.amount || isRepeat(row, last)) continue;
    last = row;
    const { sign, guessed } = signOf(row, previousBalance);
    if (guessed) guessedSigns++;
    if (row.balance) previousBalance = nanos(row.balance.value);
    out.push(toTransaction(row, sign, guessed ? 0.7 : 0.95));
  }
  return { transactions: out, ...(opening ? { opening } : {}), guessedSigns };
}

function signOf(row: RowDraft, previousBalance: bigint | undefined): { sign: 1 | -1; guessed: boolean } {
  const amount = row.amount!;
  // On a bank statement "CR" marks a credit (the parser reads it as negative, the card convention).
  if (amount.marker === "CR" || amount.plus) return { sign: 1, guessed: false };
  if (amount.negative || amount.marker === "DR") return { sign: -1, guessed: false };
  if (row.column === "debit") return { sign: -1, guessed: false };
  if (row.column === "credit") return { sign: 1, guessed: false };
  if (row.balance && previousBalance !== undefined) {
    const abs = nanos(magnitude(amount.value));
    const balance = nanos(row.balance.value);
    if (near(previousBalance + abs, balance)) return { sign: 1, guessed: false };
    if (near(previousBalance - abs, balance)) return { sign: -1, guessed: false };
  }
  if (CREDIT_SECTION.test(row.section) && !DEBIT_SECTION.test(row.section)) return { sign: 1, guessed: false };
  if (DEBIT_SECTION.test(row.section) && !CREDIT_SECTION.test(row.section)) return { sign: -1, guessed: false };
  return { sign: CREDIT_WORDS.test(row.description) ? 1 : -1, guessed: true };
}

/** The same row printed twice in a row (a model repetition loop), recognisable by an identical running balance. */
function isRepeat(row: RowDraft, last: RowDraft | undefined): boolean {
  return (
    !!last &&
    !!row.balance &&
    last.line.text === row.line.text &&
    last.balance?.raw === row.balance.raw &&
    last.line.block.page === row.line.block.page
  );
}

function toTransaction(row: RowDraft, sign: 1 | -1, amountQuality: number): BankTransaction {
  const e = (raw: string, quality = 0.95) => ({ raw, line: row.line, quality });
  const amount = row.amount!;
  return create(BankTransactionSchema, {
    date: dateField(row.date?.date, row.date ? e(row.date.raw) : undefined),
    description: textField(row.description, e(row.description)),
    amount: moneyField(withSign(amount.value, sign), e(amount.raw, amountQuality)),
    balance: moneyField(row.balance?.value, row.balance ? e(row.balance.raw) : undefined),
    meta: metaOf(e(row.line.text, 0.95)),
  });
}
