import type { LabelSpec } from "./label-pattern.js";

/* Labels of pay stubs and utility bills (the common "other" documents). */

export const EMPLOYEE_NAME: LabelSpec = { labels: ["employee name", "employee", "pay to", "payee", "name"], reject: /\bid\b|number|#|employer/i };
export const EMPLOYER_NAME: LabelSpec = { labels: ["employer name", "employer", "company name", "company"], reject: /\bid\b|number|#|ein/i };
export const PAY_DATE: LabelSpec = { labels: ["pay date", "check date", "payment date", "pay day", "date paid", "deposit date", "advice date"] };
export const GROSS_PAY: LabelSpec = {
  labels: ["gross pay", "gross earnings", "total gross pay", "total gross", "gross wages", "total earnings", "gross"],
  reject: /ytd\s+gross|year\s+to\s+date\s+gross/i,
};
export const NET_PAY: LabelSpec = { labels: ["net pay", "net amount", "take home pay", "net check", "net earnings", "net"], reject: /ytd/i };
export const YTD_GROSS: LabelSpec = { labels: ["ytd gross pay", "ytd gross", "year to date gross", "gross pay ytd", "gross ytd"] };

export const UTILITY_ACCOUNT: LabelSpec = { labels: ["account number", "account", "acct", "customer number", "service account"], reject: /routing/i };
export const SERVICE_ADDRESS: LabelSpec = { labels: ["service address", "service location", "premises address", "service at", "property address"] };
export const BILL_DATE: LabelSpec = { labels: ["statement date", "bill date", "billing date", "date of bill", "issue date", "invoice date", "date issued"] };
export const BILL_DUE_DATE: LabelSpec = { labels: ["payment due date", "due date", "payment due", "pay by", "due by"] };
export const BILL_AMOUNT_DUE: LabelSpec = {
  labels: ["total amount due", "amount due", "total due", "please pay", "balance due", "amount now due"],
  reject: /past\s+due|previous/i,
};
export const CURRENT_CHARGES: LabelSpec = { labels: ["total current charges", "current charges", "total new charges", "new charges", "current amount due"] };
export const CUSTOMER_NAME: LabelSpec = { labels: ["customer name", "account name", "account holder", "customer"], reject: /number|\bid\b|#|service/i };
