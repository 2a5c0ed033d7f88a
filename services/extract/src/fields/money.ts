import { create } from "@bufbuild/protobuf";
import { type Money, MoneySchema } from "@docproc/gen/docproc/v1/values_pb.js";

/** A parsed amount: the signed value plus whether the page printed it as negative. */
export interface ParsedMoney {
  /** The amount, negative when the text was (parenthesised, minus-signed or CR). */
  value: Money;
  /** True when the text marked the amount as negative. */
  negative: boolean;
  /** The credit/debit marker printed after the amount, when there was one. */
  marker?: "CR" | "DR";
  /** True when a "+" was printed before the amount (a credit on some card statements). */
  plus?: boolean;
}

const NANOS_PER_UNIT = 1_000_000_000n;
/** One cent in nano units: the tolerance of amount checks. */
export const CENT_NANOS = 10_000_000n;

// Longest symbol first so "US$" is not read as "$".
const CURRENCY_SYMBOLS: Array<[string, string]> = [["US$", "USD"], ["$", "USD"], ["€", "EUR"], ["£", "GBP"]];
const CURRENCY_CODES = new Set(["USD", "EUR", "GBP", "CAD", "AUD", "MXN", "JPY", "CHF"]);

/*
 * A hand-written parser rather than a library: amounts must be exact (string
 * to bigint, never a float) and we need the print conventions of US financial
 * documents — (12.50), 12.50-, 12.50 CR — which generic number parsers reject.
 */
const NUMBER_BODY =
  /^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d{1,9})?$/;

// A decimal comma: "12,50", or after dot or space thousands groups ("1.234,56", "1 234,56"), never a US "1,234".
const DECIMAL_COMMA = /^(?:\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+),\d{2}$/;

/**
 * Parses a printed amount such as "$ 1,234.56", "(12.50)", "45.12-", "-45.12",
 * "+$701.23", "1,200", "12.00 CR", "USD 10", and European "1.234,56" or
 * "1 234,56". Returns undefined for text that is not an amount: no digits,
 * dates, percentages, phone numbers, words.
 */
export function parseMoney(text: string): ParsedMoney | undefined {
  let s = text.normalize("NFKC").replace(/[\u2212\u2012\u2013\u2014]/g, "-").trim();
  if (!/\d/.test(s) || s.length > 40) return undefined;
  let negative = false;
  let marker: "CR" | "DR" | undefined;
  let currency = "USD";

  const markerMatch = /\s*(?<![A-Za-z])(CR|DR)\.?$/i.exec(s);
  if (markerMatch) {
    marker = markerMatch[1]!.toUpperCase() as "CR" | "DR";
    negative = marker === "CR";
    s = s.slice(0, markerMatch.index).trim();
  }
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.endsWith("-")) {
    negative = true;
    s = s.slice(0, -1).trim();
  }
  if (s.startsWith("-")) {
    negative = true;
    s = s.slice(1).trim();
  }
  let plus = takePlus(s);
  if (plus) s = s.slice(1).trim();
  const code = /^([A-Z]{3})\s*|\s*([A-Z]{3})$/.exec(s);
  if (code) {
    const c = (code[1] ?? code[2])!;
    if (!CURRENCY_CODES.has(c)) return undefined;
    currency = c;
    s = s.replace(code[0], "").trim();
  }
  for (const [symbol, iso] of CURRENCY_SYMBOLS) {
    if (s.startsWith(symbol)) {
      currency = iso;
      s = s.slice(symbol.length).trim();
      break;
    }
  }
  // "$(12.50)", "$-12.50" and "$+12.50": the sign can sit after the symbol too.
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith("-")) {
    negative = true;
    s = s.slice(1).trim();
  }
  if (!plus && takePlus(s)) {
    plus = true;
    s = s.slice(1).trim();
  }
  if (plus && negative) return undefined;
  if (DECIMAL_COMMA.test(s)) s = s.replace(/[. ]/g, "").replace(",", ".");
  if (!NUMBER_BODY.test(s) || !/\d/.test(s)) return undefined;
  const [intPart = "", fracPart = ""] = s.replace(/[ ,]/g, "").split(".");
  const value = moneyFromParts(intPart || "0", fracPart, negative, currency);
  // "-0-" is how some forms print zero; zero is never negative.
  if (value.units === 0n && value.nanos === 0) negative = false;
  return { value, negative, ...(marker ? { marker } : {}), ...(plus ? { plus } : {}) };
}

/** True when the text starts with a "+" sign before the digits or the currency. */
function takePlus(s: string): boolean {
  return /^\+\s?(?=[\d$€£A-Z])/.test(s);
}

function moneyFromParts(intPart: string, fracPart: string, negative: boolean, currency: string): Money {
  const nanosAbs = BigInt(intPart) * NANOS_PER_UNIT + BigInt((fracPart + "000000000").slice(0, 9));
  return moneyFromNanos(negative ? -nanosAbs : nanosAbs, currency);
}

/** Builds Money from a decimal string such as "75000.00" or "-45.12" (throws on bad input). */
export function moneyFromDecimal(s: string, currency = "USD"): Money {
  const m = /^(-)?(\d+)(?:\.(\d{1,9}))?$/.exec(s.trim());
  if (!m) throw new RangeError("moneyFromDecimal: not a decimal string");
  return moneyFromParts(m[2]!, m[3] ?? "", m[1] === "-", currency);
}

/** The amount in nano units (10^-9), exact. */
export function moneyToNanos(m: Money): bigint {
  return m.units * NANOS_PER_UNIT + BigInt(m.nanos);
}

/** Builds Money from nano units. */
export function moneyFromNanos(nanos: bigint, currency = "USD"): Money {
  const units = nanos / NANOS_PER_UNIT; // truncates toward zero, so nanos keeps the sign of units
  return create(MoneySchema, { currencyCode: currency, units, nanos: Number(nanos - units * NANOS_PER_UNIT) });
}

/** Writes the amount as a decimal string with at least 2 decimals: "75000.00", "-45.12", "3.459". */
export function moneyToDecimal(m: Money): string {
  const nanos = moneyToNanos(m);
  const abs = nanos < 0n ? -nanos : nanos;
  const frac = (abs % NANOS_PER_UNIT).toString().padStart(9, "0").replace(/0+$/, "").padEnd(2, "0");
  return `${nanos < 0n ? "-" : ""}${abs / NANOS_PER_UNIT}.${frac}`;
}

/** Nano units as a decimal string ("7293.45"), for issue texts. */
export function nanosToDecimal(nanos: bigint): string {
  return moneyToDecimal(moneyFromNanos(nanos));
}

/** The amount with the opposite sign. */
export function negateMoney(m: Money): Money {
  return moneyFromNanos(-moneyToNanos(m), m.currencyCode || "USD");
}

/** The sum of the amounts, in the first amount's currency (USD when empty). */
export function addMoney(...amounts: Money[]): Money {
  const currency = amounts[0]?.currencyCode || "USD";
  return moneyFromNanos(
    amounts.reduce((sum, m) => sum + moneyToNanos(m), 0n),
    currency,
  );
}

/** -1, 0 or 1 as a is less than, equal to or greater than b (currency is not compared). */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  const d = moneyToNanos(a) - moneyToNanos(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
