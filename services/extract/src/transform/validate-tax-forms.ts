import type {
  Form1098,
  Form1099Div,
  Form1099Int,
  Form1099Misc,
  Form1099Nec,
  Form1099R,
  W2,
} from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import { Severity, type ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { W2_BOX12_CODES } from "./tax/w2-codes.js";
import { R_DISTRIBUTION_CODES } from "./tax/r-codes.js";
import { CENT_NANOS, nanosToDecimal } from "../fields/money.js";
import { issue } from "./issue.js";
import { boxNanos, partOfWhole, roundToCents, tinFormat } from "./tax/issue-helpers.js";

/** Social Security wage bases (SSA), in dollars. */
const WAGE_BASE: Readonly<Record<number, bigint>> = { 2022: 147_000n, 2023: 160_200n, 2024: 168_600n, 2025: 176_100n };
const NANOS = 1_000_000_000n;
const ADDITIONAL_MEDICARE_THRESHOLD = 200_000n * NANOS;

/** W-2 checks: Social Security and Medicare tax rates, the wage base, box 12 codes, TIN formats. */
export function validateW2(w2: W2): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const year = Number(w2.taxYear?.value ?? 0n);
  const base = WAGE_BASE[year] !== undefined ? WAGE_BASE[year]! * NANOS : undefined;
  const b3 = boxNanos(w2.box3SocialSecurityWages);
  const b7 = boxNanos(w2.box7SocialSecurityTips) ?? 0n;
  const b4 = boxNanos(w2.box4SocialSecurityTaxWithheld);
  if (b3 !== undefined && b4 !== undefined) {
    const wages = b3 + b7;
    if (base !== undefined && wages > base) {
      issues.push(issue("w2.box3_box7_over_wage_base", Severity.WARNING, ["box3_social_security_wages", "box7_social_security_tips"], `boxes 3 and 7 exceed the ${year} Social Security wage base`, `<= ${nanosToDecimal(base)}`, nanosToDecimal(wages)));
    }
    const taxed = base !== undefined && wages > base ? base : wages;
    const expected = roundToCents((taxed * 62n) / 1000n);
    // One cent per term: employers round each pay period.
    const tolerance = CENT_NANOS * (b7 > 0n ? 2n : 1n);
    if (abs(b4 - expected) > tolerance) {
      issues.push(issue("w2.box4_social_security_rate", Severity.WARNING, ["box4_social_security_tax_withheld", "box3_social_security_wages", "box7_social_security_tips"], "box 4 is not 6.2% of boxes 3 and 7", nanosToDecimal(expected), nanosToDecimal(b4)));
    }
  }
  const b5 = boxNanos(w2.box5MedicareWagesAndTips);
  const b6 = boxNanos(w2.box6MedicareTaxWithheld);
  if (b5 !== undefined && b6 !== undefined) {
    const over = b5 > ADDITIONAL_MEDICARE_THRESHOLD ? b5 - ADDITIONAL_MEDICARE_THRESHOLD : 0n;
    const expected = roundToCents((b5 * 145n) / 10_000n + (over * 9n) / 1000n);
    const tolerance = CENT_NANOS * (over > 0n ? 2n : 1n);
    if (abs(b6 - expected) > tolerance) {
      issues.push(issue("w2.box6_medicare_rate", Severity.WARNING, ["box6_medicare_tax_withheld", "box5_medicare_wages_and_tips"], "box 6 is not 1.45% of box 5 (plus 0.9% over $200,000)", nanosToDecimal(expected), nanosToDecimal(b6)));
    }
  }
  w2.box12.forEach((item, i) => {
    if (item.code && !W2_BOX12_CODES.has(item.code)) {
      issues.push(issue("w2.box12_code_unknown", Severity.WARNING, [`box12[${i}].code`], "box 12 code is not an IRS code", "", item.code));
    }
  });
  issues.push(...tinFormat("w2.employee_ssn_format", "employee_ssn", w2.employeeSsn), ...tinFormat("w2.employer_ein_format", "employer_ein", w2.employerEin));
  return issues;
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

function headerTins(prefix: string, payer: [string, Form1099Int["payerTin"]], recipient: [string, Form1099Int["recipientTin"]]): ValidationIssue[] {
  return [...tinFormat(`${prefix}.${payer[0]}_format`, payer[0], payer[1]), ...tinFormat(`${prefix}.${recipient[0]}_format`, recipient[0], recipient[1])];
}

/** 1099-INT: box 9 is part of box 8; TIN formats. */
export function validate1099Int(f: Form1099Int): ValidationIssue[] {
  return [
    ...partOfWhole("1099int.box9_exceeds_box8", ["box9_specified_private_activity_bond_interest", f.box9SpecifiedPrivateActivityBondInterest], ["box8_tax_exempt_interest", f.box8TaxExemptInterest]),
    ...headerTins("1099int", ["payer_tin", f.payerTin], ["recipient_tin", f.recipientTin]),
  ];
}

/** 1099-DIV: 1b and 2e are part of 1a; 2b, 2c, 2d and 2f are part of 2a; TIN formats. */
export function validate1099Div(f: Form1099Div): ValidationIssue[] {
  const a1: [string, typeof f.box1aTotalOrdinaryDividends] = ["box1a_total_ordinary_dividends", f.box1aTotalOrdinaryDividends];
  const a2: [string, typeof f.box2aTotalCapitalGainDistr] = ["box2a_total_capital_gain_distr", f.box2aTotalCapitalGainDistr];
  return [
    ...partOfWhole("1099div.box1b_exceeds_box1a", ["box1b_qualified_dividends", f.box1bQualifiedDividends], a1),
    ...partOfWhole("1099div.box2e_exceeds_box1a", ["box2e_section897_ordinary_dividends", f.box2eSection897OrdinaryDividends], a1),
    ...partOfWhole("1099div.box2b_exceeds_box2a", ["box2b_unrecap_sec1250_gain", f.box2bUnrecapSec1250Gain], a2),
    ...partOfWhole("1099div.box2c_exceeds_box2a", ["box2c_section1202_gain", f.box2cSection1202Gain], a2),
    ...partOfWhole("1099div.box2d_exceeds_box2a", ["box2d_collectibles_28_gain", f.box2dCollectibles28Gain], a2),
    ...partOfWhole("1099div.box2f_exceeds_box2a", ["box2f_section897_capital_gain", f.box2fSection897CapitalGain], a2),
    ...headerTins("1099div", ["payer_tin", f.payerTin], ["recipient_tin", f.recipientTin]),
  ];
}

/** 1099-MISC: TIN formats. */
export function validate1099Misc(f: Form1099Misc): ValidationIssue[] {
  return headerTins("1099misc", ["payer_tin", f.payerTin], ["recipient_tin", f.recipientTin]);
}

/** 1099-NEC: TIN formats. */
export function validate1099Nec(f: Form1099Nec): ValidationIssue[] {
  return headerTins("1099nec", ["payer_tin", f.payerTin], ["recipient_tin", f.recipientTin]);
}

/** 1099-R: box 2a is part of box 1; box 7 codes are IRS codes; TIN formats. */
export function validate1099R(f: Form1099R): ValidationIssue[] {
  const issues = [
    ...partOfWhole("1099r.box2a_exceeds_box1", ["box2a_taxable_amount", f.box2aTaxableAmount], ["box1_gross_distribution", f.box1GrossDistribution]),
    ...headerTins("1099r", ["payer_tin", f.payerTin], ["recipient_tin", f.recipientTin]),
  ];
  f.box7DistributionCodes.forEach((code, i) => {
    if (code.value && !R_DISTRIBUTION_CODES.has(code.value)) {
      issues.push(issue("1099r.box7_code_unknown", Severity.WARNING, [`box7_distribution_codes[${i}]`], "box 7 code is not an IRS distribution code", "", code.value));
    }
  });
  return issues;
}

/** 1098: TIN formats. */
export function validate1098(f: Form1098): ValidationIssue[] {
  return headerTins("1098", ["lender_tin", f.lenderTin], ["borrower_tin", f.borrowerTin]);
}
