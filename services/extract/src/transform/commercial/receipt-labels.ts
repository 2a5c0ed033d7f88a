import type { LabelSpec } from "./label-pattern.js";

/* Receipt label synonyms (POS printouts). */

export const RECEIPT_SUBTOTAL: LabelSpec = {
  labels: ["subtotal", "sub total", "merchandise total", "net total", "total before tax", "food total", "sale subtotal"],
};

export const RECEIPT_TAX: LabelSpec = {
  labels: ["sales tax", "total tax", "tax total", "state tax", "tax", "vat", "gst", "hst", "pst"],
  reject: /tax\s*(?:id|#|no\b|number|exempt)|before\s+tax|taxable|excl/i,
};

export const RECEIPT_TIP: LabelSpec = { labels: ["gratuity", "tip amount", "tips", "tip"], reject: /suggested|guide|%\s*=|\d+%\s*tip/i };

export const RECEIPT_TOTAL: LabelSpec = {
  labels: ["grand total", "total due", "total amount", "total sale", "sale total", "amount due", "balance due", "total", "amount"],
  reject: /sub\s*-?\s*total|total\s+(?:tax|savings|items?|qty|quantity|discount|tip|paid|points)|you\s+saved|before\s+tax|items?\s+sold|tendered|change|cash\s+back/i,
};

export const RECEIPT_NUMBER: LabelSpec = {
  labels: [
    "receipt number",
    "transaction number",
    "trans number",
    "ticket number",
    "order number",
    "check number",
    "invoice number",
    "reference number",
    "sale number",
    "trn",
    "trx",
    "txn",
    "tran",
    "trans",
    "receipt",
    "ticket",
    "order",
    "check",
  ],
  reject: /approval|auth/i,
};

export const RECEIPT_DATE: LabelSpec = { labels: ["date", "transaction date", "purchase date", "sale date"] };
