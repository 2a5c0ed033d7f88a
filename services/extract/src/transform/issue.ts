import { create } from "@bufbuild/protobuf";
import { type Severity, type ValidationIssue, ValidationIssueSchema } from "@docproc/gen/docproc/v1/values_pb.js";

/** Builds a validation issue (the one builder of the tax and the commercial checks). */
export function issue(code: string, severity: Severity, fieldPaths: string[], message: string, expected = "", actual = ""): ValidationIssue {
  return create(ValidationIssueSchema, { code, severity, fieldPaths, message, expected, actual });
}
