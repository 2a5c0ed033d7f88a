import { isValidAbaRouting } from "./aba.js";
import { parseDate } from "./dates.js";

const DASH = "[-\\u2010-\\u2014]";
// Not preceded by a word character, a dash, a slash or a dot: keeps "A2018130",
// "INV-2024-00123", "1-866-…" and decimals out.
const START = "(?<![\\w\\-\\u2010-\\u2014/.$+])";
// Not followed by a word character, a dash or a slash, nor by a decimal part.
const END = "(?![\\w\\-\\u2010-\\u2014/]|[.,]\\d)";

const SSN = new RegExp(`${START}\\d{3}(?:${DASH}| )\\d{2}(?:${DASH}| )(\\d{4})${END}`, "g");
const EIN = new RegExp(`${START}\\d{2}${DASH}\\d{3}(\\d{4})${END}`, "g");
// Digit groups of two or more joined by single dashes or spaces: "5367-78315-84", "1234 5678 9012".
const DIGIT_RUN = new RegExp(`${START}\\d{2,}(?:(?:${DASH}| )\\d{2,})*${END}`, "g");

const PHONE = /^(?:1[ -])?\d{3}[ -]\d{3}[ -]\d{4}$/;
const ZIP_PLUS_4 = /^\d{5}-\d{4}$/;
// Three groups shaped like a date ("2024-01-31", "01-31-2024", "31 01 2024"); parseDate decides.
const DATE_SHAPE = /^(?:\d{4}[- ]\d{1,2}[- ]\d{1,2}|\d{1,2}[- ]\d{1,2}[- ]\d{4})$/;
// A label right before the number (a few words at most, no digits in between).
const TIN_CONTEXT = /(?:\bssn|social\s+security|\btin|taxpayer|\bitin|\bein|employer\s+identification)[\sA-Za-z.:#()'/-]{0,24}$/i;
const ROUTING_CONTEXT = /(?:routing|\brtn|\baba|transit)[\sA-Za-z.:#()'/-]{0,24}$/i;
const KEEP_CONTEXT = /(?:\bOMB\s+No\.?|\+\d[\d ]*)\s*$/i;

/**
 * Masks identifiers in free text, Markdown or table HTML, keeping the last
 * four digits: SSNs/ITINs become "***-**-6789", EINs "**-***6789", and
 * account or card numbers (8 to 19 digits, maybe in groups of two or more
 * digits joined by single spaces or dashes: "5367-78315-84", "1234 5678
 * 9012") "****1234". Left alone: amounts (with a decimal part or a "$"),
 * dates, phone numbers with separators, ZIP and ZIP+4 codes, OMB numbers,
 * identifiers glued to letters ("INV-2024-0042"), and 9-digit numbers that
 * pass the ABA routing checksum unless an SSN/TIN label precedes them
 * (routing numbers are public bank data).
 */
export function maskIdentifiers(text: string): string {
  return text
    .replace(SSN, (match, last4: string, offset: number, whole: string) =>
      keepByContext(whole, offset) ? match : `***-**-${last4}`,
    )
    .replace(EIN, (match, last4: string, offset: number, whole: string) =>
      keepByContext(whole, offset) ? match : `**-***${last4}`,
    )
    .replace(DIGIT_RUN, (match, offset: number, whole: string) => maskRun(match, whole.slice(0, offset)));
}

/**
 * Masks every digit but the last four ("360318262" → "*****8262", "A2018130" →
 * "A***8130"): the raw text of a field known to hold an identifier, whatever
 * its shape.
 */
export function maskAllButLast4(text: string): string {
  let keep = 4;
  return [...text]
    .reverse()
    .map((ch) => (/\d/.test(ch) ? (keep-- > 0 ? ch : "*") : ch))
    .reverse()
    .join("");
}

/**
 * Masks only SSN-shaped numbers ("123-45-6789"), for values that are kept as
 * printed (a control number, a state id) but must never carry an SSN.
 */
export function maskSsnShapes(text: string): string {
  return text.replace(SSN, (_match, last4: string) => `***-**-${last4}`);
}

function maskRun(run: string, before: string): string {
  // Spaces join loosely: a dashed group ("5367-78315-84") or a group of 8+ digits
  // ("217869636 067419841") is a number of its own; the short groups between them are one number.
  const chunks: string[] = [];
  let joinable = false;
  for (const g of run.split(" ")) {
    const own = /\D/.test(g) || g.length >= 8;
    if (joinable && !own) chunks[chunks.length - 1] += ` ${g}`;
    else chunks.push(g);
    joinable = !own;
  }
  let prefix = before;
  return chunks
    .map((c) => {
      const masked = maskNumber(c, prefix);
      prefix += `${c} `;
      return masked;
    })
    .join(" ");
}

function maskNumber(run: string, before: string): string {
  const digits = run.replace(/\D/g, "");
  if (digits.length < 8 || digits.length > 19) return run;
  const plain = run.replace(/[\u2010-\u2014]/g, "-");
  if (PHONE.test(plain) || ZIP_PLUS_4.test(plain) || KEEP_CONTEXT.test(before) || /\$\s*$/.test(before)) return run;
  if (DATE_SHAPE.test(plain) && parseDate(plain.replace(/ /g, "-"))) return run;
  const last4 = digits.slice(-4);
  if (digits.length === 8 && digits === run && looksLikeCompactDate(digits)) return run;
  if (digits.length === 9 && digits === run) {
    if (TIN_CONTEXT.test(before)) return `***-**-${last4}`;
    if (ROUTING_CONTEXT.test(before) || isValidAbaRouting(digits)) return run;
  }
  return `****${last4}`;
}

function keepByContext(whole: string, offset: number): boolean {
  return KEEP_CONTEXT.test(whole.slice(Math.max(0, offset - 20), offset));
}

/** "20240131" or "01312024": a compact date, not an account number. */
function looksLikeCompactDate(d: string): boolean {
  const ymd = { y: Number(d.slice(0, 4)), m: Number(d.slice(4, 6)), day: Number(d.slice(6)) };
  const mdy = { y: Number(d.slice(4)), m: Number(d.slice(0, 2)), day: Number(d.slice(2, 4)) };
  return [ymd, mdy].some((x) => x.y >= 1900 && x.y <= 2099 && x.m >= 1 && x.m <= 12 && x.day >= 1 && x.day <= 31);
}
