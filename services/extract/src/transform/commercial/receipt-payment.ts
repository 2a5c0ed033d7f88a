import { PaymentMethod } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import { type ParsedMoney, parseMaskedNumber } from "../../fields/index.js";
import type { Evidence } from "./field-build.js";
import { type Found, findBest } from "./label-finder.js";
import type { LayoutDoc } from "./layout-doc.js";
import { readMoney } from "./value-readers.js";

export interface ReceiptPayment {
  method: PaymentMethod;
  methodEvidence?: Evidence;
  brand?: Evidence;
  last4?: { value: string; evidence: Evidence };
  tendered?: Found<ParsedMoney>;
  change?: Found<ParsedMoney>;
}

const BRAND = /\b(visa|master\s*card|mastercard|mc|amex|american\s+express|discover|diners(?:\s+club)?|jcb|union\s*pay|interac|maestro)\b/i;
const DEBIT = /\bdebit\b|\bpin\b|\binterac\b|\bebt\b/i;
const CREDIT = /\bcredit\b/i;
const CASH = /\bcash\b/i;
const WALLET = /apple\s+pay|google\s+pay|gift\s+card|store\s+credit|paypal/i;
const CARD_NUMBER = /(?:[X*•#x.]{2,}[\s-]?)+\d{4}\b|\bending\s+(?:in\s+)?\d{4}\b|#\s?\d{4}\b/;

/**
 * How the receipt was paid, from the tender lines (they follow the total):
 * a card brand or "DEBIT"/"CREDIT" (with the card's last four digits), or
 * "CASH" with the amount tendered and the change.
 */
export function findPayment(doc: LayoutDoc): ReceiptPayment {
  const read = readMoney();
  const tendered = findBest(doc, { labels: ["cash tendered", "amount tendered", "tendered", "cash paid", "cash"], reject: /back|change|refund/i }, read);
  const change = findBest(doc, { labels: ["change due", "change", "cash back"] }, read);
  // Tender lines follow the total; item names ("DISCOVER MAGAZINE") come before it.
  const totalAt = doc.lines.findIndex((l) => /^(?:grand\s+)?total\b/i.test(l.text));
  for (const line of doc.lines.slice(Math.max(0, totalAt))) {
    const text = line.text;
    const brand = BRAND.exec(text);
    const hasCard = CARD_NUMBER.test(text);
    if (brand || (hasCard && (DEBIT.test(text) || CREDIT.test(text)))) {
      const payment: ReceiptPayment = {
        method: DEBIT.test(text) ? PaymentMethod.DEBIT_CARD : PaymentMethod.CREDIT_CARD,
        methodEvidence: { raw: brand?.[0] ?? (DEBIT.exec(text) ?? CREDIT.exec(text))![0], line, quality: 0.85 },
      };
      if (brand) payment.brand = { raw: brand[0].toUpperCase(), line, quality: 0.9 };
      const card = CARD_NUMBER.exec(text);
      const masked = card ? parseMaskedNumber(card[0].replace(/^#/, "x")) : undefined;
      if (card && masked) payment.last4 = { value: masked.last4, evidence: { raw: card[0], line, quality: 0.9 } };
      return payment;
    }
  }
  if (tendered && CASH.test(tendered.labelLine.text)) {
    return {
      method: PaymentMethod.CASH,
      methodEvidence: { raw: "CASH", line: tendered.labelLine, quality: 0.85 },
      tendered,
      ...(change ? { change } : {}),
    };
  }
  const wallet = doc.lines.find((l) => WALLET.test(l.text));
  if (wallet) return { method: PaymentMethod.OTHER, methodEvidence: { raw: WALLET.exec(wallet.text)![0], line: wallet, quality: 0.7 } };
  return { method: PaymentMethod.UNSPECIFIED, ...(tendered ? { tendered } : {}), ...(change ? { change } : {}) };
}
