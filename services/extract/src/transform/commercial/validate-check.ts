import type { Check } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import { FieldStatus, Severity, type ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { isValidAbaRouting } from "../../fields/index.js";
import { issue } from "../issue.js";
import { checkEqual } from "./issues.js";
import { nanos } from "./money-util.js";

/**
 * Check rules: the MICR routing number passes the ABA checksum, the written
 * amount equals the numeric amount, and the
 * MICR serial matches the printed check number.
 */
export function validateCheck(c: Check): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const routing = c.routingNumber?.value;
  if (routing && !isValidAbaRouting(routing)) {
    issues.push(issue("check.routing_checksum", Severity.ERROR, ["routing_number"], "the MICR routing number fails the ABA checksum", "", routing));
  }
  const numeric = c.amount?.value ? nanos(c.amount.value) : undefined;
  const written = c.amountInWords?.value ? nanos(c.amountInWords.value) : undefined;
  if (numeric !== undefined && written !== undefined) {
    checkEqual(issues, "check.amount_words", ["amount", "amount_in_words", "amounts_agree"], "the written amount does not match the numeric amount", written, numeric);
  }
  const serial = c.micrSerial?.value?.replace(/^0+/, "");
  const number = c.checkNumber?.value?.replace(/^0+/, "");
  if (serial && number && serial !== number && c.checkNumber?.meta?.status === FieldStatus.PRESENT) {
    issues.push(issue("check.serial_mismatch", Severity.WARNING, ["check_number", "micr_serial"], "the MICR serial differs from the printed check number", number, serial));
  }
  return issues;
}
