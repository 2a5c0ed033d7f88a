import { create } from "@bufbuild/protobuf";
import { type BankStatement, BankStatementSchema } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { bankTransactions } from "./bank-transactions.js";
import { summaryReader } from "./columnar.js";
import { findCount } from "./counts.js";
import { dateField, intField, maskedNumberField, moneyField, weaker } from "./field-build.js";
import { findBest } from "./label-finder.js";
import { buildLayoutDoc } from "./layout-doc.js";
import { magnitude, nanos } from "./money-util.js";
import { dateContext, findPeriod } from "./period.js";
import { findAccountType, findRouting } from "./bank-fields.js";
import { headerFields, statementHeader } from "./statement-header.js";
import {
  ACCOUNT_NUMBER,
  ACCOUNT_TYPE_WORDS,
  BANK_WORDS,
  BEGINNING_BALANCE,
  ENDING_BALANCE,
  STATEMENT_DATE,
  TOTAL_DEPOSITS,
  TOTAL_WITHDRAWALS,
} from "./statement-labels.js";
import { validateBankStatement } from "./validate-bank-statement.js";
import { readDate, readMasked, readMoney } from "./value-readers.js";

/** Layout → BankStatement: header, summary, and every page's transactions with signed amounts. */
export function transformBankStatement(pages: PageResult[]): { document: BankStatement; issues: ValidationIssue[] } {
  const doc = buildLayoutDoc(pages);
  const period = findPeriod(doc);
  const context = dateContext(doc, period);
  const header = statementHeader(doc, BANK_WORDS, [], ACCOUNT_TYPE_WORDS, true);
  const best = summaryReader(doc, [BEGINNING_BALANCE, TOTAL_DEPOSITS, TOTAL_WITHDRAWALS, ENDING_BALANCE], readMoney({ context }));
  const beginning = best(BEGINNING_BALANCE);
  const ending = best(ENDING_BALANCE);
  const deposits = best(TOTAL_DEPOSITS);
  const withdrawals = best(TOTAL_WITHDRAWALS);
  const rows = bankTransactions(doc, context, beginning ? nanos(beginning.value.value) : undefined);
  const printedOpening = rows.opening && { value: rows.opening.amount, raw: rows.opening.amount.raw, line: rows.opening.line, quality: 0.8 };
  const opening = beginning ?? printedOpening;
  const statementDate = findBest(doc, STATEMENT_DATE, readDate(context));
  const account = findBest(doc, ACCOUNT_NUMBER, readMasked());
  const parties = headerFields(header);
  const document = create(BankStatementSchema, {
    bankName: parties.orgName,
    bankAddress: parties.orgAddress,
    bankPhone: parties.orgPhone,
    accountHolderName: parties.holderName,
    accountHolderAddress: parties.holderAddress,
    accountNumber: maskedNumberField(account?.value, account),
    accountType: findAccountType(doc),
    routingNumber: findRouting(doc),
    periodStart: dateField(period?.start, period?.startEvidence),
    periodEnd: dateField(period?.end, period?.endEvidence),
    statementDate: statementDate
      ? dateField(statementDate.value, statementDate)
      : dateField(period?.end, period?.endEvidence ? weaker(period.endEvidence, 0.6) : undefined),
    beginningBalance: moneyField(opening?.value.value, opening),
    endingBalance: moneyField(ending?.value.value, ending),
    totalDeposits: moneyField(deposits && magnitude(deposits.value.value), deposits),
    totalWithdrawals: moneyField(withdrawals && magnitude(withdrawals.value.value), withdrawals),
    depositsCount: intField(...findCount(doc, "deposit")),
    withdrawalsCount: intField(...findCount(doc, "withdrawal")),
    transactions: rows.transactions,
  });
  return { document, issues: validateBankStatement(document, rows.guessedSigns) };
}
