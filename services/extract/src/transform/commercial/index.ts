/**
 * Layout → typed documents for the commercial types. Each transformer takes
 * the pages of one document (failed pages are skipped), reads its fields by
 * label meaning, position and arithmetic rather than one template's strings,
 * and returns the proto message with a FieldMeta on every field plus the
 * validation issues found (balance roll-forward, totals, checksums...).
 */
export { transformBankStatement } from "./bank-statement.js";
export { transformCreditCardStatement } from "./credit-card-statement.js";
export { transformInvoice } from "./invoice.js";
export { transformReceipt } from "./receipt.js";
export { transformCheck } from "./check.js";
export { transformOther } from "./other.js";
