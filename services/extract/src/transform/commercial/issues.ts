import { create } from "@bufbuild/protobuf";
import { Severity, type ValidationIssue, ValidationIssueSchema } from "@docproc/gen/docproc/v1/values_pb.js";
import { decimalOf, near, ONE_CENT } from "./money-util.js";

/** Builds a validation issue. */
export function issue(
  code: string,
  severity: Severity,
  fieldPaths: string[],
  message: string,
  expected = "",
  actual = "",
): ValidationIssue {
  return create(ValidationIssueSchema, { code, severity, fieldPaths, message, expected, actual });
}

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
  if (near(expected, actual, ONE_CENT)) return;
  issues.push(issue(code, severity, fieldPaths, message, decimalOf(expected), decimalOf(actual)));
}
