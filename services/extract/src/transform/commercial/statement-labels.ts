import type { LabelSpec } from "./label-pattern.js";

/*
 * Label synonyms shared by bank and card statements. Order is specificity:
 * earlier synonyms win ties. `reject` keeps look-alike lines out ("Pending",
 * "Available balance", year-to-date totals).
 */

const NOT_A_PERIOD_AMOUNT = /pending|available|average|avg\b|minimum|daily|collected|year[-\s]to[-\s]date|\bytd\b|\bin\s+(?:19|20)\d{2}\b/i;

export const BEGINNING_BALANCE: LabelSpec = {
  labels: [
    "beginning balance",
    "opening balance",
    "previous balance",
    "starting balance",
    "balance brought forward",
    "balance forward",
    "prior balance",
    "balance last statement",
    "last statement balance",
    "beginning ledger balance",
  ],
  reject: NOT_A_PERIOD_AMOUNT,
};

export const ENDING_BALANCE: LabelSpec = {
  labels: [
    "ending balance",
    "closing balance",
    "new balance",
    "ending ledger balance",
    "balance this statement",
    "statement balance",
    "new balance total",
  ],
  reject: NOT_A_PERIOD_AMOUNT,
};

export const ACCOUNT_NUMBER: LabelSpec = {
  labels: [
    "account number",
    "acct number",
    "account",
    "acct",
    "member number",
    "customer number",
  ],
  reject: /routing|\baba\b/i,
};

export const STATEMENT_DATE: LabelSpec = {
  labels: ["statement date", "statement closing date", "date of statement", "statement issued", "issue date", "date issued", "closing date"],
};

export const ROUTING_NUMBER: LabelSpec = {
  labels: ["routing number", "routing transit number", "aba routing number", "aba number", "routing", "aba", "rtn", "transit number"],
};

export const ACCOUNT_TYPE: LabelSpec = {
  labels: ["account type", "type of account", "account description", "product type", "product"],
};

export const TOTAL_DEPOSITS: LabelSpec = {
  labels: [
    "total deposits and other credits",
    "deposits and credits and interest",
    "deposits and interest",
    "total deposits and additions",
    "deposits and other credits",
    "deposits and other additions",
    "deposits and additions",
    "deposits and credits",
    "total deposits",
    "total credits",
    "total additions",
    "deposits",
    "credits",
    "additions",
  ],
  reject: /pending|average|number\s+of|#\s*of|\bcount\b|year[-\s]to[-\s]date|\bytd\b/i,
};

export const TOTAL_WITHDRAWALS: LabelSpec = {
  labels: [
    "total withdrawals and other debits",
    "checks and withdrawals",
    "total withdrawals and subtractions",
    "withdrawals and other debits",
    "withdrawals and other subtractions",
    "withdrawals and subtractions",
    "withdrawals and debits",
    "checks and other debits",
    "total withdrawals",
    "total debits",
    "total subtractions",
    "withdrawals",
    "debits",
    "subtractions",
  ],
  reject: /pending|average|number\s+of|#\s*of|\bcount\b|year[-\s]to[-\s]date|\bytd\b/i,
};

/** Words of bank names (header vocabulary). */
export const BANK_WORDS = /\b(?:bank|banking|credit\s+union|federal|savings|trust|financial|bancorp|bancshares|fcu|n\.?a\.?|national\s+association)\b/i;

/** Words of account types, for layouts that print the type as a heading ("PREMIER CHECKING"). */
export const ACCOUNT_TYPE_WORDS = /\b(?:checking|savings|money\s+market|share\s+draft|share\s+savings|certificate|cd|ira|brokerage|escrow)\b/i;
