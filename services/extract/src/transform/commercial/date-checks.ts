import type { Date as DocDate, ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { Severity } from "@docproc/gen/docproc/v1/values_pb.js";
import { dateToIso } from "../../fields/index.js";
import { issue } from "../issue.js";
import { compare } from "./period.js";

const DAY_SLACK = 7;

function dayNumber(d: DocDate): number {
  return Date.UTC(d.year, Math.max(0, d.month - 1), Math.max(1, d.day)) / 86_400_000;
}

/**
 * Period start after its end is an error; transaction dates far outside the
 * period (a week of slack: posting lags) or listed out of order are warnings.
 */
export function checkDateOrder(
  issues: ValidationIssue[],
  prefix: string,
  start: DocDate | undefined,
  end: DocDate | undefined,
  dates: ReadonlyArray<DocDate | undefined>,
  checkOrder = true,
): void {
  if (start && end && compare(start, end) > 0) {
    issues.push(issue(`${prefix}.period_order`, Severity.ERROR, ["period_start", "period_end"], "the period starts after it ends", "", `${dateToIso(start)} > ${dateToIso(end)}`));
  }
  const known = dates.map((d, i) => ({ d, i })).filter((x): x is { d: DocDate; i: number } => !!x.d && x.d.year > 0);
  if (start && end) {
    const outside = known.filter(({ d }) => dayNumber(d) < dayNumber(start) - DAY_SLACK || dayNumber(d) > dayNumber(end) + DAY_SLACK);
    if (outside.length > 0) {
      issues.push(issue(`${prefix}.transaction_outside_period`, Severity.WARNING, [`transactions[${outside[0]!.i}].date`], `${outside.length} transaction date(s) fall outside the statement period`));
    }
  }
  if (!checkOrder) return;
  const backwards = known.findIndex((x, k) => k > 0 && dayNumber(x.d) < dayNumber(known[k - 1]!.d) - DAY_SLACK);
  if (backwards > 0) {
    issues.push(issue(`${prefix}.transaction_order`, Severity.INFO, [`transactions[${known[backwards]!.i}].date`], "transactions are not listed in date order"));
  }
}
