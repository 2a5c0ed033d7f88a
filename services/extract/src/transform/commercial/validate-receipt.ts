import { PaymentMethod, type Receipt } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import { type MoneyField, Severity, type ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { checkEqual } from "./issues.js";
import { nanos } from "./money-util.js";

const v = (f: MoneyField | undefined): bigint | undefined => (f?.value ? nanos(f.value) : undefined);

/** Receipt arithmetic: Σ items = subtotal, subtotal + tax + tip = total, tendered − change = total (cash). */
export function validateReceipt(r: Receipt): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const subtotal = v(r.subtotal);
  const total = v(r.total);
  const amounts = r.lineItems.map((li) => v(li.amount));
  if (amounts.length > 0 && amounts.every((a) => a !== undefined)) {
    const sum = amounts.reduce<bigint>((a, b) => a + b!, 0n);
    checkEqual(issues, "receipt.line_items_sum", ["line_items", "subtotal"], "the items do not add up to the subtotal", sum, subtotal, Severity.WARNING);
  }
  if (subtotal !== undefined && total !== undefined) {
    checkEqual(issues, "receipt.total_equation", ["subtotal", "total_tax", "tip", "total"], "subtotal + tax + tip does not equal the total",
      subtotal + (v(r.totalTax) ?? 0n) + (v(r.tip) ?? 0n), total);
  }
  const tendered = v(r.amountTendered);
  if (r.paymentMethod === PaymentMethod.CASH && tendered !== undefined && total !== undefined) {
    checkEqual(issues, "receipt.change", ["amount_tendered", "change_due", "total"], "amount tendered − change does not equal the total", total, tendered - (v(r.changeDue) ?? 0n), Severity.WARNING);
  }
  return issues;
}
