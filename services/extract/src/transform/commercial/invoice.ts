import { create } from "@bufbuild/protobuf";
import { type Invoice, InvoiceSchema } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { MoneyField, ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import type { ParsedMoney } from "../../fields/index.js";
import { findCurrency } from "./currency.js";
import { addressField, blankMoneyField, dateField, decimalField, moneyField, textField } from "./field-build.js";
import {
  AMOUNT_DUE,
  AMOUNT_PAID,
  COMPANY_WORDS,
  DISCOUNT,
  DUE_DATE,
  INVOICE_DATE,
  INVOICE_ID,
  PAYMENT_TERMS,
  PURCHASE_ORDER,
  SHIPPING,
  SUBTOTAL,
  TAX,
  TOTAL,
} from "./invoice-labels.js";
import { invoiceLineItems } from "./invoice-items.js";
import { invoiceParties } from "./invoice-parties.js";
import { findTaxRate } from "./tax-rate.js";
import { findTotals } from "./summary-totals.js";
import { type Found, findBest, findBlankLabel } from "./label-finder.js";
import type { LabelSpec } from "./label-pattern.js";
import { buildLayoutDoc } from "./layout-doc.js";
import { magnitude } from "./money-util.js";
import { validateInvoice } from "./validate-invoice.js";
import { readDate, readId, readMoney, readText } from "./value-readers.js";
import { setCurrency } from "./set-currency.js";

const TERMS_SHAPE = /net\s*\d+|due|receipt|days|\bcod\b|prepaid|\beom\b|upon|immediate|\d+\s*%/i;

/** Layout → Invoice: ids, dates, parties, totals chosen by arithmetic, and the items of every page. */
export function transformInvoice(pages: PageResult[]): { document: Invoice; issues: ValidationIssue[] } {
  const doc = buildLayoutDoc(pages);
  const items = invoiceLineItems(doc);
  const where = items.notLabels;
  const parties = invoiceParties(doc, COMPANY_WORDS);
  const totals = findTotals(doc, { subtotal: SUBTOTAL, discount: DISCOUNT, tax: TAX, shipping: SHIPPING, total: TOTAL }, { where });
  const read = readMoney();
  const paid = findBest(doc, AMOUNT_PAID, read, { where });
  const due = findBest(doc, AMOUNT_DUE, read, { where });
  const id = findBest(doc, INVOICE_ID, readId(), { where });
  const invoiceDate = findBest(doc, INVOICE_DATE, readDate(), { where });
  const dueDate = findBest(doc, DUE_DATE, readDate(), { where });
  const po = findBest(doc, PURCHASE_ORDER, readId(), { where });
  const terms = findBest(doc, PAYMENT_TERMS, (t) => {
    const r = readText(6)(t);
    return r && TERMS_SHAPE.test(r.value) ? r : undefined;
  });
  const currency = findCurrency(doc);
  const firstLine = doc.lines[0];
  const currencyEvidence = currency.evidence ?? (firstLine ? { raw: "", line: firstLine, quality: 0.5 } : undefined);
  const amount = (f: Found<ParsedMoney> | undefined, spec: LabelSpec): MoneyField => {
    if (f) return moneyField(magnitude(f.value.value), f);
    const blank = findBlankLabel(doc, spec, { where });
    return blank ? blankMoneyField(blank) : moneyField(undefined);
  };
  const document = create(InvoiceSchema, {
    invoiceId: textField(id?.value, id),
    invoiceDate: dateField(invoiceDate?.value, invoiceDate),
    dueDate: dateField(dueDate?.value, dueDate),
    purchaseOrder: textField(po?.value, po),
    paymentTerms: textField(terms?.value, terms),
    currency: textField(currencyEvidence ? currency.code : undefined, currencyEvidence),
    vendorName: textField(parties.vendorName?.text, parties.vendorName?.evidence),
    vendorAddress: addressField(parties.vendorAddress?.address, parties.vendorAddress?.evidence),
    vendorPhone: textField(parties.vendorPhone?.raw, parties.vendorPhone),
    vendorEmail: textField(parties.vendorEmail?.raw, parties.vendorEmail),
    customerName: textField(parties.customerName?.raw, parties.customerName),
    customerAddress: addressField(parties.customerAddress?.address, parties.customerAddress?.evidence),
    shipToAddress: addressField(parties.shipTo?.address, parties.shipTo?.evidence),
    subtotal: amount(totals.subtotal, SUBTOTAL),
    totalDiscount: amount(totals.discount, DISCOUNT),
    totalTax: amount(totals.tax, TAX),
    taxRate: decimalField(...findTaxRate(doc, totals.tax)),
    shippingHandling: amount(totals.shipping, SHIPPING),
    invoiceTotal: amount(totals.total, TOTAL),
    amountPaid: amount(paid, AMOUNT_PAID),
    amountDue: amount(due, AMOUNT_DUE),
    lineItems: items.lineItems,
  });
  setCurrency(document, currency.code);
  return { document, issues: validateInvoice(document) };
}
