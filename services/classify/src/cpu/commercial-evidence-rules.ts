import { DocumentType as T } from "@docproc/gen/docproc/v1/document_pb.js";
import type { EvidenceRule } from "./evidence-rule.js";

const WORD_NUMBERS =
  "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand";

/**
 * Vocabulary of statements, invoices, receipts, checks and the common "other" documents (pay stubs,
 * utility bills). Shared words get low weights on every class that prints them ("subtotal" on
 * invoices and receipts); a bank statement's Regulation E notice mentions a "receipt", so that word
 * stays weak.
 */
export const COMMERCIAL_EVIDENCE_RULES: readonly EvidenceRule[] = [
  // Bank statement
  { type: T.BANK_STATEMENT, name: "Beginning/ending balance", weight: 2, phrases: ["Beginning balance", "Ending balance"], fuzzy: true },
  { type: T.BANK_STATEMENT, name: "Opening/closing balance", weight: 1.5, phrases: ["Opening balance", "Closing balance"], fuzzy: true },
  { type: T.BANK_STATEMENT, name: "Deposits and other credits", weight: 2, phrases: ["Deposits and other credits", "Withdrawals and other debits"], fuzzy: true },
  { type: T.BANK_STATEMENT, name: "Deposits / withdrawals", weight: 1, phrases: ["Deposits", "Withdrawals"] },
  { type: T.BANK_STATEMENT, name: "Checking / savings", weight: 1, phrases: ["Checking", "Savings"] },
  { type: T.BANK_STATEMENT, name: "Routing number", weight: 1, phrases: ["Routing number"] },
  { type: T.BANK_STATEMENT, name: "Member FDIC", weight: 1, phrases: ["Member FDIC"] },
  { type: T.BANK_STATEMENT, name: "Daily / available balance", weight: 1.5, phrases: ["Daily balance", "Available balance"] },
  { type: T.BANK_STATEMENT, name: "Annual percentage yield", weight: 1.5, phrases: ["Annual percentage yield"], fuzzy: true },
  { type: T.BANK_STATEMENT, name: "Overdraft", weight: 1, phrases: ["Overdraft"] },
  { type: T.BANK_STATEMENT, name: "Account summary / statement period", weight: 0.5, phrases: ["Account summary", "Statement period"] },
  // Regulation E's error notice is printed on deposit-account statements (cards print Regulation Z's
  // billing-rights notice instead); it is also why a statement mentions a "receipt".
  { type: T.BANK_STATEMENT, name: "Electronic transfer error notice", weight: 2, phrases: ["your statement or receipt is wrong", "questions about your electronic transfers"], fuzzy: true },
  { type: T.BANK_STATEMENT, name: "Account activity", weight: 1, phrases: ["Account activity", "Member statement", "Transaction details"] },
  { type: T.BANK_STATEMENT, name: "Transfers, ATM and check lines", weight: 1, pattern: /\b(?:atm withdrawal|mobile deposit|online transfer|direct dep(?:osit)?|zelle|check # ?\d+)\b/g },

  // Credit-card statement
  { type: T.CREDIT_CARD_STATEMENT, name: "Minimum payment due", weight: 3, phrases: ["Minimum payment due"], fuzzy: true },
  { type: T.CREDIT_CARD_STATEMENT, name: "Credit limit", weight: 2, phrases: ["Credit limit", "Credit line"], fuzzy: true },
  { type: T.CREDIT_CARD_STATEMENT, name: "Available credit", weight: 2, phrases: ["Available credit"], fuzzy: true },
  { type: T.CREDIT_CARD_STATEMENT, name: "New balance", weight: 1.5, phrases: ["New balance"] },
  { type: T.CREDIT_CARD_STATEMENT, name: "Payment due date", weight: 1.5, phrases: ["Payment due date"], fuzzy: true },
  { type: T.CREDIT_CARD_STATEMENT, name: "APR", weight: 1, pattern: /\baprs?\b/g },
  { type: T.CREDIT_CARD_STATEMENT, name: "Annual percentage rate", weight: 1.5, phrases: ["Annual percentage rate"], fuzzy: true },
  { type: T.CREDIT_CARD_STATEMENT, name: "Cash advances / balance transfers", weight: 1, phrases: ["Cash advances", "Balance transfers"] },
  { type: T.CREDIT_CARD_STATEMENT, name: "Late payment / minimum payment warning", weight: 2, phrases: ["Late payment warning", "Minimum payment warning"], fuzzy: true },
  { type: T.CREDIT_CARD_STATEMENT, name: "Interest / fees charged", weight: 1, phrases: ["Interest charged", "Fees charged"] },
  { type: T.CREDIT_CARD_STATEMENT, name: "Statement closing date", weight: 1.5, phrases: ["Statement closing date", "Days in billing cycle"], fuzzy: true },
  { type: T.CREDIT_CARD_STATEMENT, name: "Credit card", weight: 1, phrases: ["Credit card", "Card member", "Cardmember"] },
  { type: T.CREDIT_CARD_STATEMENT, name: "Transaction and posting dates", weight: 1.5, phrases: ["Trans date", "Post date", "Posting date"] },
  { type: T.CREDIT_CARD_STATEMENT, name: "Payment - thank you", weight: 1, phrases: ["Payment thank you"] },
  { type: T.CREDIT_CARD_STATEMENT, name: "Purchases / payments and credits", weight: 0.5, phrases: ["Purchases", "Payments and credits", "Previous balance"] },

  // Invoice
  { type: T.INVOICE, name: "Invoice", weight: 3, pattern: /\binvoice\b/g },
  { type: T.INVOICE, name: "Invoice (other languages)", weight: 3, pattern: /\b(?:rechnung|facture|factuur|fattura|factura|faktura)\b/g },
  { type: T.INVOICE, name: "Invoice number/date", weight: 1.5, pattern: /\binvoice (?:number|no|date|id|#)/g },
  { type: T.INVOICE, name: "Bill to", weight: 2, phrases: ["Bill to", "Billed to", "Invoice to"] },
  { type: T.INVOICE, name: "Ship to / sold to", weight: 1, phrases: ["Ship to", "Sold to", "Remit to"] },
  { type: T.INVOICE, name: "Quantity", weight: 1, phrases: ["Qty", "Quantity"] },
  { type: T.INVOICE, name: "Unit price", weight: 1.5, phrases: ["Unit price", "Unit cost", "Rate per unit"] },
  { type: T.INVOICE, name: "Balance due", weight: 1, phrases: ["Balance due"] },
  { type: T.INVOICE, name: "Payment terms", weight: 1, pattern: /\b(?:payment terms|terms net|net ?(?:7|10|15|30|45|60|90)|due on receipt)\b/g },
  { type: T.INVOICE, name: "Purchase order", weight: 1, pattern: /\b(?:purchase order|p ?o (?:number|no|#))\b/g },
  { type: T.INVOICE, name: "Due date / amount due / terms", weight: 0.5, phrases: ["Due date", "Amount due", "Terms"] },
  { type: T.INVOICE, name: "VAT / tax id", weight: 0.5, pattern: /\b(?:vat|tva|btw|mwst|ust|gst|tax id)\b/g },
  { type: T.INVOICE, name: "Thank you for your business", weight: 1, phrases: ["Thank you for your business"] },

  // Receipt
  { type: T.RECEIPT, name: "Receipt", weight: 1.5, pattern: /\breceipt\b/g },
  { type: T.RECEIPT, name: "Cashier / register", weight: 1.5, pattern: /\b(?:cashier|register|reg|till|terminal)\b/g },
  { type: T.RECEIPT, name: "Change / cash tendered", weight: 1, pattern: /\b(?:change(?: due)?|tendered|cash)\b/g },
  { type: T.RECEIPT, name: "Thank you for shopping", weight: 2, phrases: ["Thank you for shopping", "Thanks for shopping", "Please come again"], fuzzy: true },
  { type: T.RECEIPT, name: "Items sold", weight: 1.5, phrases: ["Items sold", "Item count", "Total items"] },
  { type: T.RECEIPT, name: "Card brand", weight: 0.5, pattern: /\b(?:visa|mastercard|amex|discover)\b/g },
  { type: T.RECEIPT, name: "Tip / gratuity / server", weight: 1, pattern: /\b(?:tip|gratuity|server|table)\b/g },
  { type: T.RECEIPT, name: "Approval / auth code", weight: 1, pattern: /\b(?:approval|approved|auth(?:orization)? code)\b/g },
  { type: T.RECEIPT, name: "Quantity at unit price", weight: 1, pattern: /\b\d+ @ \d/g },
  { type: T.RECEIPT, name: "Subtotal", weight: 0.5, phrases: ["Subtotal", "Sub total"] },
  { type: T.INVOICE, name: "Subtotal", weight: 0.5, phrases: ["Subtotal", "Sub total"] },

  // Check
  // "Pay" and "to the order of" are often printed on separate lines with the amount between them.
  { type: T.CHECK, name: "Pay to the order of", weight: 4, phrases: ["Pay to the order of", "to the order of"], fuzzy: true },
  {
    type: T.CHECK,
    name: "Amount in words",
    weight: 2.5,
    pattern: new RegExp(`\\b(?:${WORD_NUMBERS})\\b[a-z -]* and (?:\\d{2} ?/ ?100\\b|\\d{2} cents\\b|no ?/ ?100\\b)`, "g"),
    raw: true,
  },
  { type: T.CHECK, name: "Check number / authorized signature", weight: 1, pattern: /\b(?:check (?:no|number)|authorized signature)\b/g },
  { type: T.CHECK, name: "MICR line", weight: 2, pattern: /[⑆⑇⑈⑉]/g, raw: true },
  { type: T.CHECK, name: "Dollars", weight: 1, pattern: /\bdollars\b/g },
  { type: T.CHECK, name: "Memo", weight: 1, pattern: /\bmemo\b/g },
  { type: T.CHECK, name: "Void after", weight: 1.5, phrases: ["Void after", "Details on back", "Security features"] },

  // Other: pay stubs
  { type: T.OTHER, name: "Earnings statement / pay stub", weight: 3, phrases: ["Earnings statement", "Pay stub", "Paystub", "Pay statement"], fuzzy: true },
  { type: T.OTHER, name: "Net pay / gross pay", weight: 2, phrases: ["Net pay", "Gross pay"] },
  { type: T.OTHER, name: "Earnings / deductions", weight: 1, phrases: ["Earnings", "Deductions"] },
  { type: T.OTHER, name: "Year to date", weight: 1, pattern: /\b(?:ytd|year to date)\b/g },
  { type: T.OTHER, name: "Pay date / pay period", weight: 1, phrases: ["Pay date", "Pay period", "Period beginning", "Period ending"] },
  // Other: utility bills
  { type: T.OTHER, name: "kWh / therms", weight: 2, pattern: /\b(?:kwh|therms?|ccf)\b/g },
  { type: T.OTHER, name: "Service address", weight: 2, phrases: ["Service address"], fuzzy: true },
  { type: T.OTHER, name: "Meter", weight: 1.5, phrases: ["Meter", "Meter number", "Previous read", "Current read"] },
  { type: T.OTHER, name: "Usage / current charges", weight: 1, phrases: ["Usage", "Current charges"] },
];
