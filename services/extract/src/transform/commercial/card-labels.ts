import type { LabelSpec } from "./label-pattern.js";

/* Label synonyms of card statements (Reg Z periodic statement wording and common variants). */

const NOT_THIS_CYCLE = /year[-\s]to[-\s]date|\bytd\b|\bin\s+(?:19|20)\d{2}\b|total\s+.*\bin\s+\d{4}|pending/i;

export const CARD_WORDS = /\b(?:card|visa|master\s*card|amex|american\s+express|discover|bank|credit|rewards|financial|capital|platinum|signature)\b/i;

export const CARD_ACCOUNT: LabelSpec = {
  labels: ["account number", "card number", "account ending in", "card ending in", "account", "card", "acct"],
  reject: /routing|\baba\b/i,
};

export const CLOSING_DATE: LabelSpec = {
  labels: ["statement closing date", "closing date of billing cycle", "closing date", "statement date", "cycle end date", "cycle closing date"],
};

export const DAYS_IN_CYCLE: LabelSpec = {
  labels: ["days in billing cycle", "days in billing period", "number of days in billing cycle", "days in cycle", "billing cycle days", "days in period", "days in this cycle"],
};

export const PREVIOUS_BALANCE: LabelSpec = {
  labels: ["previous balance", "prior balance", "last statement balance", "balance forward", "beginning balance", "opening balance"],
  reject: NOT_THIS_CYCLE,
};

export const PAYMENTS_AND_CREDITS: LabelSpec = {
  labels: ["payments and other credits", "payments and credits", "payments credits", "total payments and credits", "payments and other adjustments"],
  reject: NOT_THIS_CYCLE,
};

export const PAYMENTS: LabelSpec = { labels: ["payments", "payments received", "total payments"], reject: NOT_THIS_CYCLE };
export const OTHER_CREDITS: LabelSpec = { labels: ["other credits", "credits", "total credits", "returns and credits"], reject: NOT_THIS_CYCLE };

export const PURCHASES: LabelSpec = {
  labels: ["purchases and adjustments", "purchases and other charges", "purchases and other debits", "new purchases", "purchases", "total purchases"],
  reject: NOT_THIS_CYCLE,
};

export const CASH_ADVANCES: LabelSpec = { labels: ["cash advances", "cash advance"], reject: NOT_THIS_CYCLE };
export const BALANCE_TRANSFERS: LabelSpec = { labels: ["balance transfers", "balance transfer"], reject: NOT_THIS_CYCLE };

export const FEES: LabelSpec = {
  labels: ["fees charged", "total fees charged", "total fees for this period", "total fees", "fees"],
  reject: /year[-\s]to[-\s]date|\bytd\b|\bin\s+(?:19|20)\d{2}\b|late\s+fee\s+of|up\s+to/i,
};

export const INTEREST: LabelSpec = {
  labels: ["interest charged", "total interest charged", "total interest for this period", "interest charge", "finance charges", "finance charge"],
  reject: /year[-\s]to[-\s]date|\bytd\b|\bin\s+(?:19|20)\d{2}\b|calculation|rate|subject/i,
};

export const NEW_BALANCE: LabelSpec = {
  labels: ["new balance", "new balance total", "total new balance", "statement balance", "closing balance", "ending balance"],
  reject: NOT_THIS_CYCLE,
};

export const MINIMUM_PAYMENT: LabelSpec = {
  labels: ["minimum payment due", "total minimum payment due", "minimum amount due", "minimum payment", "min payment due", "minimum due"],
};

export const DUE_DATE: LabelSpec = { labels: ["payment due date", "due date", "payment due", "pay by", "please pay by"] };

export const CREDIT_LIMIT: LabelSpec = {
  labels: ["credit limit", "total credit limit", "credit line", "total credit line", "credit access line", "revolving credit limit"],
  reject: /cash|available/i,
};

export const AVAILABLE_CREDIT: LabelSpec = {
  labels: ["available credit", "credit available", "available credit line", "available credit limit", "available to spend"],
  reject: /cash/i,
};
