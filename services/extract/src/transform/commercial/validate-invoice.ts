import type { Invoice } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import { type MoneyField, Severity, type ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { CENT_NANOS, dateToIso } from "../../fields/index.js";
import { issue } from "../issue.js";
import { checkEqual } from "./issues.js";
import { extendedNanos } from "./line-items.js";
import { near, nanos } from "./money-util.js";
import { compare } from "./period.js";

const v = (f: MoneyField | undefined): bigint | undefined => (f?.value ? nanos(f.value) : undefined);

/**
 * Invoice arithmetic: Σ line amounts = subtotal, quantity × unit price =
 * amount on each line, subtotal − discount + tax + shipping = total,
 * total − paid = amount due; and the due date is not before the invoice date.
 */
export function validateInvoice(s: Invoice): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const subtotal = v(s.subtotal);
  const total = v(s.invoiceTotal);
  const amounts = s.lineItems.map((li) => v(li.amount));
  if (amounts.length > 0 && amounts.every((a) => a !== undefined)) {
    const sum = amounts.reduce<bigint>((a, b) => a + b!, 0n);
    const target = subtotal ?? (v(s.totalTax) === undefined && v(s.shippingHandling) === undefined && v(s.totalDiscount) === undefined ? total : undefined);
    checkEqual(issues, "invoice.line_items_sum", ["line_items", subtotal !== undefined ? "subtotal" : "invoice_total"], "the line amounts do not add up to the subtotal", sum, target);
  }
  s.lineItems.forEach((li, i) => {
    const q = li.quantity?.value?.value;
    const unit = li.unitPrice?.value;
    const amount = v(li.amount);
    if (!q || !unit || amount === undefined) return;
    const ext = extendedNanos(q, unit);
    if (ext !== undefined && !near(ext, amount, CENT_NANOS)) {
      checkEqual(issues, "invoice.line_amount", [`line_items[${i}].amount`], `line ${i + 1}: quantity × unit price does not equal the amount`, ext, amount, Severity.WARNING);
    }
  });
  if (subtotal !== undefined && total !== undefined) {
    const expected = subtotal - (v(s.totalDiscount) ?? 0n) + (v(s.totalTax) ?? 0n) + (v(s.shippingHandling) ?? 0n);
    checkEqual(issues, "invoice.total_equation", ["subtotal", "total_discount", "total_tax", "shipping_handling", "invoice_total"],
      "subtotal − discount + tax + shipping does not equal the total", expected, total);
  }
  const due = v(s.amountDue);
  if (total !== undefined && due !== undefined) {
    const paid = v(s.amountPaid) ?? 0n;
    checkEqual(issues, "invoice.amount_due", ["invoice_total", "amount_paid", "amount_due"], "total − amount paid does not equal the amount due", total - paid, due,
      v(s.amountPaid) === undefined ? Severity.WARNING : Severity.ERROR);
  }
  const issued = s.invoiceDate?.value;
  const dueDate = s.dueDate?.value;
  if (issued && dueDate && issued.year > 0 && dueDate.year > 0 && compare(dueDate, issued) < 0) {
    issues.push(issue("invoice.due_before_issue", Severity.WARNING, ["invoice_date", "due_date"], "the due date is before the invoice date", dateToIso(issued), dateToIso(dueDate)));
  }
  return issues;
}
