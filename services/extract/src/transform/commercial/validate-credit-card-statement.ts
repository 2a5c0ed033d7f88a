import { type CreditCardStatement, CardTransactionType } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import { type MoneyField, Severity, type ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { nanosToDecimal } from "../../fields/index.js";
import { issue } from "../issue.js";
import { checkDateOrder } from "./date-checks.js";
import { checkEqual } from "./issues.js";
import { nanos } from "./money-util.js";

const v = (f: MoneyField | undefined): bigint | undefined => (f?.value ? nanos(f.value) : undefined);

/**
 * Card statement arithmetic: previous − payments/credits + purchases + fees +
 * interest (+ cash advances and balance transfers printed in the summary) =
 * new balance; previous + Σ transactions = new balance; available credit =
 * limit − new balance; per-type transaction sums against the summary lines.
 */
export function validateCreditCardStatement(s: CreditCardStatement, otherCharges = 0n): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const previous = v(s.previousBalance);
  const next = v(s.newBalance);
  const parts = [v(s.paymentsAndCredits), v(s.purchases), v(s.feesCharged), v(s.interestCharged)];
  if (previous !== undefined && next !== undefined && parts.some((p) => p !== undefined)) {
    const [pay = 0n, buy = 0n, fees = 0n, interest = 0n] = parts;
    checkEqual(issues, "card.balance_equation", ["previous_balance", "payments_and_credits", "purchases", "fees_charged", "interest_charged", "new_balance"],
      "previous balance − payments/credits + purchases + fees + interest does not equal the new balance", previous - pay + buy + fees + interest + otherCharges, next);
  }
  const amounts = s.transactions.map((t) => (t.amount?.value ? nanos(t.amount.value) : 0n));
  if (previous !== undefined && next !== undefined && s.transactions.length > 0) {
    checkEqual(issues, "card.transactions_sum", ["previous_balance", "transactions", "new_balance"],
      "previous balance plus the transactions does not equal the new balance", previous + amounts.reduce((a, b) => a + b, 0n), next);
  }
  const limit = v(s.creditLimit);
  const available = v(s.availableCredit);
  if (limit !== undefined && available !== undefined && next !== undefined) {
    const expected = limit - next > 0n ? limit - next : 0n;
    checkEqual(issues, "card.available_credit", ["credit_limit", "new_balance", "available_credit"], "available credit is not the credit limit minus the new balance", expected, available, Severity.WARNING);
  }
  if (s.transactions.length > 0) checkTypeTotals(s, amounts, issues);
  const minimum = v(s.minimumPaymentDue);
  if (minimum !== undefined && next !== undefined && next > 0n && minimum > next) {
    issues.push(issue("card.minimum_payment", Severity.WARNING, ["minimum_payment_due", "new_balance"], "the minimum payment exceeds the new balance", nanosToDecimal(next), nanosToDecimal(minimum)));
  }
  checkDateOrder(issues, "card", s.periodStart?.value, s.periodEnd?.value, [], false);
  return issues;
}

function checkTypeTotals(s: CreditCardStatement, amounts: bigint[], issues: ValidationIssue[]): void {
  const total = (...types: CardTransactionType[]) =>
    s.transactions.reduce((sum, t, i) => (types.includes(t.type) ? sum + amounts[i]! : sum), 0n);
  const check = (code: string, path: string, printed: bigint | undefined, listed: bigint, what: string) =>
    checkEqual(issues, code, [path, "transactions"], `the ${what} listed do not add up to the summary`, listed, printed, Severity.WARNING);
  check("card.payments_total", "payments_and_credits", v(s.paymentsAndCredits), -total(CardTransactionType.PAYMENT, CardTransactionType.CREDIT), "payments and credits");
  check("card.purchases_total", "purchases", v(s.purchases), total(CardTransactionType.PURCHASE), "purchases");
  check("card.fees_total", "fees_charged", v(s.feesCharged), total(CardTransactionType.FEE), "fees");
  check("card.interest_total", "interest_charged", v(s.interestCharged), total(CardTransactionType.INTEREST), "interest charges");
}
