import { type DateContext, type FoundAmount, type FoundDate, findAmounts, findDates } from "../../fields/index.js";

/** A piece of text found inside a line. */
export interface Span {
  raw: string;
  start: number;
  end: number;
}

/** Percentages ("7.25%", "8.25 %"): the number without the sign. */
export function findPercents(text: string): Array<Span & { value: string }> {
  return [...text.matchAll(/(?<![\d.])(\d{1,3}(?:\.\d+)?)\s?%/g)].map((m) => ({
    raw: m[0],
    start: m.index,
    end: m.index + m[0].length,
    value: m[1] ?? "",
  }));
}

/** US-style telephone numbers as printed. */
export function findPhones(text: string): Span[] {
  const re = /(?<![\d-])(?:\+?1[\s.-])?(?:\(\d{3}\)[\s.-]?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\d-])/g;
  return [...text.matchAll(re)].map((m) => ({ raw: m[0], start: m.index, end: m.index + m[0].length }));
}

/** E-mail addresses. */
export function findEmails(text: string): Span[] {
  return [...text.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)].map((m) => ({ raw: m[0], start: m.index, end: m.index + m[0].length }));
}

/** Times of day ("09:25", "9:51 AM", "18:20:05"). */
export function findTimes(text: string): Span[] {
  const re = /(?<![\d:/])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s?[AaPp]\.?[Mm]\.?)?(?![\d:])/g;
  return [...text.matchAll(re)].map((m) => ({ raw: m[0], start: m.index, end: m.index + m[0].length }));
}

/** Amounts in a text; bare integers only when `allowInteger` (whole-dollar layouts). */
export function findMoney(text: string, allowInteger = false): FoundAmount[] {
  return findAmounts(text).filter((a) => allowInteger || a.hasCents || (a.hasSymbol && /\d/.test(a.raw)));
}

/** The amount that starts the text (after spaces), if any. */
export function moneyAtStart(text: string, allowInteger = false): FoundAmount | undefined {
  const lead = text.length - text.trimStart().length;
  const first = findMoney(text, allowInteger)[0];
  if (!first) return undefined;
  return text.slice(lead, first.start).trim() === "" ? first : undefined;
}

/** The date that starts the text (after spaces), if any. */
export function dateAtStart(text: string, context: DateContext = {}): FoundDate | undefined {
  const first = findDates(text, context)[0];
  if (!first || text.slice(0, first.start).trim() !== "") return undefined;
  return first;
}

/**
 * An identifier at the start of the text ("INV-2023-55333", "084647",
 * "PO-98820", "INV/2023/03/0008"): one token with at least one digit. Words
 * such as "Invoice" or "Date" are never identifiers.
 */
export function idAtStart(text: string): Span | undefined {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9\-/_.]*[A-Za-z0-9]|[0-9])/.exec(text);
  if (!m?.[1] || !/\d/.test(m[1])) return undefined;
  if (findDates(m[1])[0]?.raw === m[1]) return undefined;
  const start = m.index + m[0].length - m[1].length;
  return { raw: m[1], start, end: start + m[1].length };
}

/** "2.50" → "2.5", "12" → "12", "1,000" → "1000": quantity and rate form. */
export function normalizeDecimal(text: string): string {
  const s = text.replace(/,/g, "").trim();
  if (!/^-?\d+(?:\.\d+)?$/.test(s)) return s;
  if (!s.includes(".")) return s.replace(/^(-?)0+(?=\d)/, "$1");
  return s.replace(/0+$/, "").replace(/\.$/, "").replace(/^(-?)0+(?=\d)/, "$1");
}
