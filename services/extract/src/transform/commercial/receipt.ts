import { create } from "@bufbuild/protobuf";
import { type Receipt, ReceiptSchema } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { Date as DocDate, MoneyField, TimeOfDay, ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { type ParsedMoney, findDates, parseTime } from "../../fields/index.js";
import { findCurrency } from "./currency.js";
import { type Evidence, addressField, blankMoneyField, dateField, decimalField, moneyField, textField, timeField } from "./field-build.js";
import { findTotals } from "./summary-totals.js";
import { type Found, findBest, findBlankLabel } from "./label-finder.js";
import type { LabelSpec } from "./label-pattern.js";
import { buildLayoutDoc, type LayoutDoc } from "./layout-doc.js";
import { toLineItems } from "./line-items.js";
import { magnitude } from "./money-util.js";
import { RECEIPT_DATE, RECEIPT_NUMBER, RECEIPT_SUBTOTAL, RECEIPT_TAX, RECEIPT_TIP, RECEIPT_TOTAL } from "./receipt-labels.js";
import { receiptItemRows } from "./receipt-items.js";
import { rowDoc } from "./row-doc.js";
import { findPayment } from "./receipt-payment.js";
import { setCurrency } from "./set-currency.js";
import { statementHeader } from "./statement-header.js";
import { findTaxRate } from "./tax-rate.js";
import { validateReceipt } from "./validate-receipt.js";
import { readDate, readId } from "./value-readers.js";
import { findTimes } from "./value-tokens.js";

const NO_VOCABULARY = /(?!)/;

/** Layout → Receipt: merchant, date/time, items (with quantity forms), totals, and how it was paid. */
export function transformReceipt(pages: PageResult[]): { document: Receipt; issues: ValidationIssue[] } {
  const doc = buildLayoutDoc(pages);
  const header = statementHeader(doc, NO_VOCABULARY);
  const merchant = header.org ? header.org.text.replace(/^welcome\s+to\s+/i, "") : undefined;
  const totals = findTotals(doc, { subtotal: RECEIPT_SUBTOTAL, tax: RECEIPT_TAX, tip: RECEIPT_TIP, total: RECEIPT_TOTAL });
  const payment = findPayment(doc);
  const number = findBest(doc, RECEIPT_NUMBER, readId());
  const { date, time } = findDateTime(doc);
  const amount = (f: Found<ParsedMoney> | undefined, spec?: LabelSpec): MoneyField => {
    if (f) return moneyField(magnitude(f.value.value), f);
    const blank = spec && findBlankLabel(doc, spec);
    return blank ? blankMoneyField(blank) : moneyField(undefined);
  };
  const currency = findCurrency(doc);
  const document = create(ReceiptSchema, {
    merchantName: textField(merchant, header.org?.evidence),
    merchantAddress: addressField(header.orgAddress?.address, header.orgAddress?.evidence),
    merchantPhone: textField(header.orgPhone?.raw, header.orgPhone),
    transactionDate: dateField(date?.value, date),
    transactionTime: timeField(time?.value, time),
    receiptNumber: textField(number?.value, number),
    lineItems: toLineItems(receiptItems(doc), true),
    subtotal: amount(totals.subtotal, RECEIPT_SUBTOTAL),
    totalTax: amount(totals.tax, RECEIPT_TAX),
    taxRate: decimalField(...findTaxRate(doc, totals.tax)),
    tip: amount(totals.tip, RECEIPT_TIP),
    total: amount(totals.total, RECEIPT_TOTAL),
    paymentMethod: payment.method,
    cardBrand: textField(payment.brand?.raw, payment.brand),
    cardLast4: textField(payment.last4?.value, payment.last4?.evidence),
    amountTendered: amount(payment.tendered),
    changeDue: amount(payment.change),
  });
  setCurrency(document, currency.code);
  return { document, issues: validateReceipt(document) };
}

/** Items from the elements' lines, else from the page re-read as visual rows (OCR split each row into fragments). */
function receiptItems(doc: LayoutDoc) {
  const items = receiptItemRows(doc);
  return items.length > 0 ? items : receiptItemRows(rowDoc(doc, [], () => false));
}

/** The transaction date (labelled, else the first date printed) and the time printed nearest to it. */
function findDateTime(doc: LayoutDoc) {
  let date: (Evidence & { value: DocDate }) | undefined = findBest(doc, RECEIPT_DATE, readDate());
  if (!date) {
    for (const line of doc.lines) {
      const found = findDates(line.text).find((d) => d.date.year > 0);
      if (found) {
        date = { value: found.date, raw: found.raw, line, quality: 0.85 };
        break;
      }
    }
  }
  const lines = date ? [date.line, ...doc.lines.filter((l) => l !== date!.line)] : doc.lines;
  let time: (Evidence & { value: TimeOfDay }) | undefined;
  for (const line of lines) {
    const span = findTimes(line.text)[0];
    const value = span && parseTime(span.raw);
    if (span && value) {
      time = { value, raw: span.raw, line, quality: line === date?.line ? 0.9 : 0.75 };
      break;
    }
  }
  return { date, time };
}
