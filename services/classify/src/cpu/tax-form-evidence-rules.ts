import { DocumentType as T } from "@docproc/gen/docproc/v1/document_pb.js";
import type { EvidenceRule } from "./evidence-rule.js";

/** OCR misreads digits in form numbers as look-alike letters: 1→l/i, 0→o, 9→g/q, 8→b. */
const N1099 = "[1li][0o][9gq][9gq]";
const N1098 = "[1li][0o][9gq][8b]";
/** "Form" as OCR reads it ("F0rm", "Forrn"). */
const FORM = "f[o0]r(?:m|rn)";
const form = (suffix: string) => new RegExp(`\\b(?:${FORM} )?${N1099} ?${suffix}\\b`, "g");

const TITLE = 4;

/** Titles and box labels of the IRS forms (W-2, 1099-INT/DIV/MISC/NEC/R, 1098). */
export const TAX_FORM_EVIDENCE_RULES: readonly EvidenceRule[] = [
  // W-2. A bare "W 2" must not start an amount: box 12 code "W" prints as "W 2,651.92" (flat "w 2 651 92")
  // or "W 2.50"; a following year ("W-2 2024") is fine. "Form" is optional because OCR mangles it.
  { type: T.W2, name: "Form W-2", weight: TITLE, pattern: /\bf[o0]r(?:m|rn) (?:w|vv) ?2\b/g },
  { type: T.W2, name: "W-2", weight: 2, pattern: /\b(?:w|vv) ?2\b(?! \d{3} \d{2}\b| \d{2}\b)/g },
  { type: T.W2, name: "Wage and Tax Statement", weight: TITLE, phrases: ["Wage and Tax Statement"], fuzzy: true },
  { type: T.W2, name: "Wages, tips, other compensation", weight: 2, phrases: ["Wages, tips, other compensation"], fuzzy: true },
  { type: T.W2, name: "Social security wages", weight: 1.5, phrases: ["Social security wages"], fuzzy: true },
  { type: T.W2, name: "Medicare wages and tips", weight: 1.5, phrases: ["Medicare wages and tips"], fuzzy: true },
  { type: T.W2, name: "Social security tips / Allocated tips", weight: 1, phrases: ["Social security tips", "Allocated tips"] },
  { type: T.W2, name: "Dependent care benefits", weight: 1, phrases: ["Dependent care benefits"], fuzzy: true },
  { type: T.W2, name: "Statutory employee", weight: 1, phrases: ["Statutory employee"] },
  { type: T.W2, name: "Employee's social security number", weight: 1, phrases: ["Employee's social security number"], fuzzy: true },
  { type: T.W2, name: "See instructions for box 12", weight: 1, phrases: ["See instructions for box 12"] },
  { type: T.W2, name: "Filed with employee's federal tax return", weight: 1, phrases: ["Filed With Employee's FEDERAL Tax Return"] },

  // 1099-INT
  { type: T.FORM_1099_INT, name: "Form 1099-INT", weight: TITLE, pattern: form("[il1]nt") },
  { type: T.FORM_1099_INT, name: "Interest Income", weight: 3, phrases: ["Interest Income"], fuzzy: true },
  { type: T.FORM_1099_INT, name: "Early withdrawal penalty", weight: 2, phrases: ["Early withdrawal penalty"], fuzzy: true },
  { type: T.FORM_1099_INT, name: "Interest on U.S. Savings Bonds", weight: 2, phrases: ["Interest on U.S. Savings Bonds"], fuzzy: true },
  { type: T.FORM_1099_INT, name: "Tax-exempt interest", weight: 1, phrases: ["Tax-exempt interest"] },
  { type: T.FORM_1099_INT, name: "Bond premium / Market discount", weight: 1, phrases: ["Bond premium", "Market discount"] },
  { type: T.FORM_1099_INT, name: "Payer's RTN", weight: 1, phrases: ["Payer's RTN"] },

  // 1099-DIV
  { type: T.FORM_1099_DIV, name: "Form 1099-DIV", weight: TITLE, pattern: form("d[il1]v") },
  { type: T.FORM_1099_DIV, name: "Dividends and Distributions", weight: TITLE, phrases: ["Dividends and Distributions"], fuzzy: true },
  { type: T.FORM_1099_DIV, name: "Total ordinary dividends", weight: 2, phrases: ["Total ordinary dividends"], fuzzy: true },
  { type: T.FORM_1099_DIV, name: "Qualified dividends", weight: 2, phrases: ["Qualified dividends"], fuzzy: true },
  { type: T.FORM_1099_DIV, name: "Total capital gain distributions", weight: 2, phrases: ["Total capital gain distr"], fuzzy: true },
  { type: T.FORM_1099_DIV, name: "Section 199A dividends", weight: 1.5, phrases: ["Section 199A dividends"] },
  { type: T.FORM_1099_DIV, name: "Nondividend distributions", weight: 1.5, phrases: ["Nondividend distributions"], fuzzy: true },
  { type: T.FORM_1099_DIV, name: "Liquidation distributions", weight: 1, phrases: ["Cash liquidation distributions", "Noncash liquidation distributions"] },
  { type: T.FORM_1099_DIV, name: "Exempt-interest dividends", weight: 1, phrases: ["Exempt-interest dividends"] },
  { type: T.FORM_1099_DIV, name: "Unrecaptured section 1250 gain", weight: 1, phrases: ["Unrecap. Sec. 1250 gain"] },

  // 1099-MISC
  { type: T.FORM_1099_MISC, name: "Form 1099-MISC", weight: TITLE, pattern: form("m[il1]sc") },
  { type: T.FORM_1099_MISC, name: "Miscellaneous Information/Income", weight: TITLE, phrases: ["Miscellaneous Information", "Miscellaneous Income"], fuzzy: true },
  { type: T.FORM_1099_MISC, name: "Rents", weight: 1, phrases: ["Rents"] },
  { type: T.FORM_1099_MISC, name: "Royalties", weight: 1.5, phrases: ["Royalties"], fuzzy: true },
  { type: T.FORM_1099_MISC, name: "Fishing boat proceeds", weight: 2, phrases: ["Fishing boat proceeds"], fuzzy: true },
  { type: T.FORM_1099_MISC, name: "Medical and health care payments", weight: 2, phrases: ["Medical and health care payments"], fuzzy: true },
  { type: T.FORM_1099_MISC, name: "Crop insurance proceeds", weight: 2, phrases: ["Crop insurance proceeds"], fuzzy: true },
  { type: T.FORM_1099_MISC, name: "Gross proceeds paid to an attorney", weight: 2, phrases: ["Gross proceeds paid to an attorney"], fuzzy: true },
  { type: T.FORM_1099_MISC, name: "Substitute payments in lieu of dividends", weight: 1.5, phrases: ["Substitute payments in lieu of dividends"] },
  { type: T.FORM_1099_MISC, name: "Golden parachute / fish purchased", weight: 1.5, phrases: ["Excess golden parachute payments", "Fish purchased for resale"] },

  // 1099-NEC
  { type: T.FORM_1099_NEC, name: "Form 1099-NEC", weight: TITLE, pattern: form("nec") },
  { type: T.FORM_1099_NEC, name: "Nonemployee Compensation", weight: TITLE, phrases: ["Nonemployee Compensation", "Non-employee compensation"], fuzzy: true },

  // 1099-R
  { type: T.FORM_1099_R, name: "Form 1099-R", weight: TITLE, pattern: form("r") },
  { type: T.FORM_1099_R, name: "Distributions From Pensions", weight: TITLE, phrases: ["Distributions From Pensions"], fuzzy: true },
  { type: T.FORM_1099_R, name: "Gross distribution", weight: 2, phrases: ["Gross distribution"], fuzzy: true },
  { type: T.FORM_1099_R, name: "Taxable amount not determined", weight: 2, phrases: ["Taxable amount not determined"], fuzzy: true },
  { type: T.FORM_1099_R, name: "Distribution code", weight: 2, phrases: ["Distribution code"], fuzzy: true },
  { type: T.FORM_1099_R, name: "IRA/SEP/SIMPLE", weight: 1.5, phrases: ["IRA/SEP/SIMPLE"] },
  { type: T.FORM_1099_R, name: "Net unrealized appreciation", weight: 2, phrases: ["Net unrealized appreciation"], fuzzy: true },
  { type: T.FORM_1099_R, name: "Employee / Roth contributions", weight: 1, phrases: ["Employee contributions", "Designated Roth contributions"] },
  { type: T.FORM_1099_R, name: "Percentage of total distribution", weight: 1.5, phrases: ["percentage of total distribution", "Amount allocable to IRR"] },

  // 1098
  { type: T.FORM_1098, name: "Form 1098", weight: TITLE, pattern: new RegExp(`\\b${FORM} ${N1098}\\b`, "g") },
  { type: T.FORM_1098, name: "1098", weight: 2, pattern: new RegExp(`\\b${N1098}\\b`, "g") },
  { type: T.FORM_1098, name: "Mortgage Interest Statement", weight: TITLE, phrases: ["Mortgage Interest Statement"], fuzzy: true },
  { type: T.FORM_1098, name: "Mortgage interest received", weight: 2, phrases: ["Mortgage interest received"], fuzzy: true },
  { type: T.FORM_1098, name: "Outstanding mortgage principal", weight: 2, phrases: ["Outstanding mortgage principal"], fuzzy: true },
  { type: T.FORM_1098, name: "Mortgage origination/acquisition date", weight: 2, phrases: ["Mortgage origination date", "Mortgage acquisition date"], fuzzy: true },
  { type: T.FORM_1098, name: "Refund of overpaid interest", weight: 1.5, phrases: ["Refund of overpaid interest"], fuzzy: true },
  { type: T.FORM_1098, name: "Mortgage insurance premiums", weight: 1.5, phrases: ["Mortgage insurance premiums"], fuzzy: true },
  { type: T.FORM_1098, name: "Points paid on purchase of principal residence", weight: 2, phrases: ["Points paid on purchase of principal residence"], fuzzy: true },
  { type: T.FORM_1098, name: "Property securing mortgage", weight: 1.5, phrases: ["property securing mortgage"], fuzzy: true },
  { type: T.FORM_1098, name: "Payer/borrower", weight: 0.5, phrases: ["payer's/borrower's", "recipient's/lender's"] },
];
