import { Severity, type ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { CENT_NANOS, nanosToDecimal } from "../../fields/index.js";
import { issue } from "../issue.js";
import { near } from "./money-util.js";

/**
 * An ERROR issue when two amounts (nanos) differ by more than a cent; nothing
 * when either is unknown. `expected` is what the other fields imply.
 */
export function checkEqual(
  issues: ValidationIssue[],
  code: string,
  fieldPaths: string[],
  message: string,
  expected: bigint | undefined,
  actual: bigint | undefined,
  severity: Severity = Severity.ERROR,
): void {
  if (expected === undefined || actual === undefined) return;
  if (near(expected, actual, CENT_NANOS)) return;
  issues.push(issue(code, severity, fieldPaths, message, nanosToDecimal(expected), nanosToDecimal(actual)));
}
