import { create } from "@bufbuild/protobuf";
import { type CreditCardStatement, CreditCardStatementSchema } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { Date as DocDate, ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import type { ParsedMoney } from "../../fields/index.js";
import { findPurchaseApr } from "./card-apr.js";
import {
  AVAILABLE_CREDIT,
  BALANCE_TRANSFERS,
  CARD_ACCOUNT,
  CARD_WORDS,
  CASH_ADVANCES,
  CLOSING_DATE,
  CREDIT_LIMIT,
  DAYS_IN_CYCLE,
  DUE_DATE,
  FEES,
  INTEREST,
  MINIMUM_PAYMENT,
  NEW_BALANCE,
  OTHER_CREDITS,
  PAYMENTS,
  PAYMENTS_AND_CREDITS,
  PREVIOUS_BALANCE,
  PURCHASES,
} from "./card-labels.js";
import { cardTransactions } from "./card-transactions.js";
import { summaryReader } from "./columnar.js";
import { type Evidence, dateField, intField, maskedNumberField, moneyField, weaker } from "./field-build.js";
import { type Found, findBest } from "./label-finder.js";
import { buildLayoutDoc } from "./layout-doc.js";
import { magnitude, money, nanos } from "./money-util.js";
import { dateContext, findPeriod } from "./period.js";
import { headerFields, statementHeader } from "./statement-header.js";
import { validateCreditCardStatement } from "./validate-credit-card-statement.js";
import { readDate, readDateOrRangeEnd, readInt, readMasked, readMoney } from "./value-readers.js";

/** Layout → CreditCardStatement: issuer, holder, the Reg Z summary, and typed transactions of every page. */
export function transformCreditCardStatement(pages: PageResult[]): { document: CreditCardStatement; issues: ValidationIssue[] } {
  const doc = buildLayoutDoc(pages);
  const period = findPeriod(doc);
  const context = dateContext(doc, period);
  const header = statementHeader(doc, CARD_WORDS, [], /(?!)/, true);
  const amount = (found: Found<ParsedMoney> | undefined) => moneyField(found && magnitude(found.value.value), found);
  const summary = [PREVIOUS_BALANCE, PAYMENTS_AND_CREDITS, PAYMENTS, OTHER_CREDITS, PURCHASES, FEES, INTEREST, NEW_BALANCE];
  const best = summaryReader(doc, summary, readMoney({ context }));
  const closing = findBest(doc, CLOSING_DATE, readDateOrRangeEnd(context));
  const account = findBest(doc, CARD_ACCOUNT, readMasked());
  const days = findBest(doc, DAYS_IN_CYCLE, readInt(62));
  const parties = headerFields(header);
  const document = create(CreditCardStatementSchema, {
    issuerName: parties.orgName,
    issuerAddress: parties.orgAddress,
    issuerPhone: parties.orgPhone,
    accountHolderName: parties.holderName,
    accountHolderAddress: parties.holderAddress,
    accountNumber: maskedNumberField(account?.value, account),
    periodStart: dateField(period?.start, period?.startEvidence),
    periodEnd: dateField(period?.end, period?.endEvidence),
    statementClosingDate: closing
      ? dateField(closing.value, closing)
      : dateField(period?.end, period?.endEvidence ? weaker(period.endEvidence, 0.8) : undefined),
    daysInBillingCycle: intField(days?.value, days),
    previousBalance: amount(best(PREVIOUS_BALANCE)),
    paymentsAndCredits: paymentsAndCredits(best(PAYMENTS_AND_CREDITS), best(PAYMENTS), best(OTHER_CREDITS)),
    purchases: amount(best(PURCHASES)),
    feesCharged: amount(best(FEES)),
    interestCharged: amount(best(INTEREST)),
    newBalance: amount(best(NEW_BALANCE)),
    minimumPaymentDue: amount(best(MINIMUM_PAYMENT)),
    paymentDueDate: dateFieldOf(findBest(doc, DUE_DATE, readDate(context))),
    creditLimit: amount(best(CREDIT_LIMIT)),
    availableCredit: amount(best(AVAILABLE_CREDIT)),
    purchaseApr: findPurchaseApr(doc),
    transactions: cardTransactions(doc, context),
  });
  const extra = sumOf([best(CASH_ADVANCES), best(BALANCE_TRANSFERS)]);
  return { document, issues: validateCreditCardStatement(document, extra) };
}

const dateFieldOf = (found: Found<DocDate> | undefined) => dateField(found?.value, found);

/** A combined "Payments and Credits" line, else "Payments" plus "Other Credits" (magnitudes). */
function paymentsAndCredits(
  combined: Found<ParsedMoney> | undefined,
  payments: Found<ParsedMoney> | undefined,
  credits: Found<ParsedMoney> | undefined,
) {
  if (combined) return moneyField(magnitude(combined.value.value), combined);
  if (!payments && !credits) return moneyField(undefined);
  const total = nanos(payments && magnitude(payments.value.value)) + nanos(credits && magnitude(credits.value.value));
  const e: Evidence = weaker((payments ?? credits)!, payments && credits ? 0.9 : 0.8);
  const currency = (payments ?? credits)!.value.value.currencyCode || "USD";
  return moneyField(money(total, currency), e);
}

/** Cash advances and balance transfers printed in the summary (part of the balance equation). */
function sumOf(found: Array<Found<ParsedMoney> | undefined>): bigint {
  return found.reduce<bigint>((s, f) => s + (f ? nanos(magnitude(f.value.value)) : 0n), 0n);
}
