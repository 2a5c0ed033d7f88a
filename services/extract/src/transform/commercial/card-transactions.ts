import { create } from "@bufbuild/protobuf";
import {
  type CardTransaction,
  CardTransactionSchema,
  CardTransactionType,
} from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import type { DateContext } from "../../fields/index.js";
import { dateField, metaOf, moneyField, textField } from "./field-build.js";
import type { LayoutDoc } from "./layout-doc.js";
import { withSign } from "./money-util.js";
import { rowDoc } from "./row-doc.js";
import { STATEMENT_ROLES, acceptStatementHeader } from "./statement-roles.js";
import { type RowDraft, statementRows } from "./statement-rows.js";

const FEE = /\bfees?\b|late\s+charge|membership/i;
const INTEREST = /interest\s+charge|interest\s+on\b|finance\s+charge|^interest\b|\binterest\s+charged/i;
const PAYMENT = /\bpayment|thank\s+you|autopay|auto[-\s]pay|\bpymt\b|\bpmt\b/i;
const CREDIT = /\brefund|\breturn|\bcredit\b|reversal|rebate|cash\s*back|statement\s+credit/i;
const SKIP = /^(?:total|subtotal|previous\s+balance|new\s+balance|beginning\s+balance)\b/i;

/** The type the words of a row give, before signs and sections are considered. */
function typeByWords(description: string): CardTransactionType | undefined {
  if (FEE.test(description)) return CardTransactionType.FEE;
  if (INTEREST.test(description)) return CardTransactionType.INTEREST;
  if (PAYMENT.test(description)) return CardTransactionType.PAYMENT;
  if (CREDIT.test(description)) return CardTransactionType.CREDIT;
  return undefined;
}

function typeBySection(section: string): CardTransactionType | undefined {
  if (/\bpayments\b|\bcredits?\b/i.test(section) && !/purchase|charges|debits/i.test(section)) return CardTransactionType.CREDIT;
  if (/\bfees?\b/i.test(section)) return CardTransactionType.FEE;
  if (/interest/i.test(section) && !/calculation|rate/i.test(section)) return CardTransactionType.INTEREST;
  if (/purchase|charges|debits|cash\s+advance/i.test(section)) return CardTransactionType.PURCHASE;
  return undefined;
}

const printedNegative = (row: RowDraft): boolean => !!row.amount && (row.amount.negative || row.amount.marker === "CR");

/**
 * Card transactions with the card sign convention: charges (purchases, fees,
 * interest) positive, payments and credits negative, whatever the page
 * prints. The type comes from the description's words, then the section
 * title, then the printed sign. A statement that prints charges negative and
 * payments positive (bank-style) is recognised and read the other way.
 */
export function cardTransactions(doc: LayoutDoc, context: DateContext): CardTransaction[] {
  const read = (d: LayoutDoc) => statementRows(d, context).filter((r) => r.amount && !SKIP.test(r.description));
  let rows = read(doc);
  if (rows.length === 0) rows = read(rowDoc(doc, STATEMENT_ROLES, acceptStatementHeader));
  const paymentsPositive = rows.filter((r) => typeByWords(r.description) === CardTransactionType.PAYMENT && !printedNegative(r)).length;
  const others = rows.filter((r) => typeByWords(r.description) === undefined);
  const inverted = paymentsPositive > 0 && others.length > 0 && others.filter(printedNegative).length > others.length * 0.7;
  return rows.map((row) => {
    let type: CardTransactionType | undefined = typeByWords(row.description) ?? typeBySection(row.section);
    if (type === undefined) type = printedNegative(row) !== inverted ? CardTransactionType.CREDIT : CardTransactionType.PURCHASE;
    const negative = type === CardTransactionType.PAYMENT || type === CardTransactionType.CREDIT;
    return toTransaction(row, type, negative ? -1 : 1);
  });
}

function toTransaction(row: RowDraft, type: CardTransactionType, sign: 1 | -1): CardTransaction {
  const e = (raw: string) => ({ raw, line: row.line, quality: 0.95 });
  const amount = row.amount!;
  return create(CardTransactionSchema, {
    date: dateField(row.date?.date, row.date ? e(row.date.raw) : undefined),
    postDate: dateField(row.postDate?.date, row.postDate ? e(row.postDate.raw) : undefined),
    description: textField(row.description, e(row.description)),
    amount: moneyField(withSign(amount.value, sign), e(amount.raw)),
    type,
    meta: metaOf(e(row.line.text)),
  });
}
