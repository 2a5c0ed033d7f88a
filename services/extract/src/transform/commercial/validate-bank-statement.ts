import type { BankStatement } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import { FieldStatus, Severity, type ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { isValidAbaRouting } from "../../fields/index.js";
import { issue } from "../issue.js";
import { checkDateOrder } from "./date-checks.js";
import { checkEqual } from "./issues.js";
import { near, nanos } from "./money-util.js";

/**
 * Bank statement arithmetic: beginning + transactions = ending, each printed
 * running balance, the printed deposit/withdrawal totals and counts, the
 * routing checksum, and date order.
 */
export function validateBankStatement(s: BankStatement, guessedSigns = 0): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const amounts = s.transactions.map((t) => (t.amount?.value ? nanos(t.amount.value) : undefined));
  const known = amounts.filter((a): a is bigint => a !== undefined);
  const sum = known.reduce((a, b) => a + b, 0n);
  const begin = s.beginningBalance?.value ? nanos(s.beginningBalance.value) : undefined;
  const end = s.endingBalance?.value ? nanos(s.endingBalance.value) : undefined;
  if (begin !== undefined && end !== undefined && s.transactions.length > 0) {
    checkEqual(issues, "bank.balance_rollforward", ["beginning_balance", "transactions", "ending_balance"],
      "beginning balance plus the transactions does not equal the ending balance", begin + sum, end);
  }
  checkRunningBalances(s, amounts, begin, issues);
  if (s.transactions.length > 0) {
    const credits = known.filter((a) => a > 0n).reduce((a, b) => a + b, 0n);
    const debits = -known.filter((a) => a < 0n).reduce((a, b) => a + b, 0n);
    const td = s.totalDeposits?.value ? nanos(s.totalDeposits.value) : undefined;
    const tw = s.totalWithdrawals?.value ? nanos(s.totalWithdrawals.value) : undefined;
    checkEqual(issues, "bank.deposits_total", ["total_deposits", "transactions"], "the deposits listed do not add up to the printed total", credits, td, Severity.WARNING);
    checkEqual(issues, "bank.withdrawals_total", ["total_withdrawals", "transactions"], "the withdrawals listed do not add up to the printed total", debits, tw, Severity.WARNING);
    checkCount(issues, "bank.deposits_count", "deposits_count", s.depositsCount?.meta?.status === FieldStatus.PRESENT ? Number(s.depositsCount.value) : undefined, known.filter((a) => a > 0n).length);
    checkCount(issues, "bank.withdrawals_count", "withdrawals_count", s.withdrawalsCount?.meta?.status === FieldStatus.PRESENT ? Number(s.withdrawalsCount.value) : undefined, known.filter((a) => a < 0n).length);
  }
  const routing = s.routingNumber?.value;
  if (routing && !isValidAbaRouting(routing)) {
    issues.push(issue("bank.routing_checksum", Severity.WARNING, ["routing_number"], "the routing number fails the ABA checksum", "", routing));
  }
  checkDateOrder(issues, "bank", s.periodStart?.value, s.periodEnd?.value, s.transactions.map((t) => t.date?.value));
  if (guessedSigns > 0) {
    issues.push(issue("bank.signs_inferred", Severity.INFO, ["transactions"], `the direction of ${guessedSigns} transaction(s) was inferred from their descriptions`));
  }
  return issues;
}

function checkRunningBalances(s: BankStatement, amounts: Array<bigint | undefined>, begin: bigint | undefined, issues: ValidationIssue[]): void {
  let previous = begin;
  let bad = 0;
  let first = -1;
  s.transactions.forEach((t, i) => {
    const balance = t.balance?.value ? nanos(t.balance.value) : undefined;
    const amount = amounts[i];
    if (balance !== undefined && previous !== undefined && amount !== undefined && !near(previous + amount, balance)) {
      bad++;
      if (first < 0) first = i;
    }
    if (balance !== undefined) previous = balance;
    else if (previous !== undefined && amount !== undefined) previous += amount;
  });
  if (bad > 0) {
    issues.push(issue("bank.running_balance", Severity.WARNING, [`transactions[${first}].balance`],
      `${bad} printed running balance(s) do not follow from the previous balance and the amount`));
  }
}

function checkCount(issues: ValidationIssue[], code: string, path: string, printed: number | undefined, counted: number): void {
  if (printed === undefined || printed === counted) return;
  issues.push(issue(code, Severity.WARNING, [path, "transactions"], "the printed count does not match the transactions listed", String(counted), String(printed)));
}
