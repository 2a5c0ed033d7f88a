import { create } from "@bufbuild/protobuf";
import {
  type Date as DocDate,
  DateSchema,
  type TimeOfDay,
  TimeOfDaySchema,
} from "@docproc/gen/docproc/v1/values_pb.js";

/** What a partial date ("07/17", "Jul 17") is resolved against. */
export interface DateContext {
  /** First day of the statement period (a proto Date or a JS Date read in UTC). */
  periodStart?: DocDate | globalThis.Date;
  /** Last day of the statement period (a proto Date or a JS Date read in UTC). */
  periodEnd?: DocDate | globalThis.Date;
  /** The year to use when there is no period. */
  defaultYear?: number;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAME = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";

/*
 * Each pattern maps its groups to readings as (year, month, day), the first
 * valid reading wins. Hand-written rather than a date library: we need
 * partial dates and the US month-first convention, and libraries guess (or
 * use the local time zone) where we must not.
 */
type Ymd = [string | undefined, string, string | undefined];
const PATTERNS: Array<{ re: RegExp; ymd: (g: string[]) => Ymd[] }> = [
  { re: /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, ymd: (g) => [[g[1], g[2]!, g[3]]] },
  // Dotted dates are day-first (European "31.01.2024"); slashed and dashed ones
  // month-first (US), day-first only when the first number cannot be a month.
  {
    re: /^(\d{1,2})([/\-.])(\d{1,2})[/\-.](\d{4}|\d{2})$/,
    ymd: (g) => (g[2] === "." ? [[g[4], g[3]!, g[1]], [g[4], g[1]!, g[3]]] : [[g[4], g[1]!, g[3]], [g[4], g[3]!, g[1]]]),
  },
  { re: new RegExp(`^${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})$`, "i"), ymd: (g) => [[g[3], g[1]!, g[2]]] },
  { re: new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?[\\s-]+${MONTH_NAME}[\\s,-]+(\\d{4}|\\d{2})$`, "i"), ymd: (g) => [[g[3], g[2]!, g[1]]] },
  { re: new RegExp(`^${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?$`, "i"), ymd: (g) => [[undefined, g[1]!, g[2]]] },
  { re: new RegExp(`^(\\d{1,2})\\s+${MONTH_NAME}$`, "i"), ymd: (g) => [[undefined, g[2]!, g[1]]] },
  { re: new RegExp(`^${MONTH_NAME},?\\s+(\\d{4})$`, "i"), ymd: (g) => [[g[2], g[1]!, undefined]] },
  { re: /^(\d{1,2})\/(\d{1,2})$/, ymd: (g) => [[undefined, g[1]!, g[2]]] },
];

/**
 * Parses a printed date: 01/31/2024, 1/31/24, 2024-01-31, Jan 31, 2024,
 * January 31 2024, 31 Jan 2024, the day-first forms 31.01.2024 (dots) and
 * 31/01/2024 (a first number over 12), and the partial forms 07/17, Jul 17
 * (year resolved from the context) and January 2024 (day 0). Returns
 * undefined for anything else, including impossible dates such as 02/30/2024.
 */
export function parseDate(text: string, context: DateContext = {}): DocDate | undefined {
  const s = text.trim().replace(/\s+/g, " ").replace(/[.,;]$/, "");
  for (const { re, ymd } of PATTERNS) {
    const m = re.exec(s);
    if (!m) continue;
    for (const [y, mo, d] of ymd([...m].map((g) => g ?? ""))) {
      const month = /^\d+$/.test(mo) ? Number(mo) : MONTHS.indexOf(mo.slice(0, 3).toLowerCase()) + 1;
      const day = d === undefined ? 0 : Number(d);
      const year = y === undefined ? resolveYear(month, context) : expandYear(y);
      if (isValidDate(year, month, day, d === undefined)) return create(DateSchema, { year, month, day });
    }
    return undefined;
  }
  return undefined;
}

function expandYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  // Two-digit years: 00-69 are 20xx, 70-99 are 19xx (mortgage origination dates reach back decades).
  return n < 70 ? 2000 + n : 1900 + n;
}

/**
 * A month/day without a year takes the year of the period end, except that a
 * month after the end's month belongs to the year before (a statement ending
 * in January that lists Dec 28). With only a period start, a month before the
 * start's month belongs to the year after.
 */
function resolveYear(month: number, ctx: DateContext): number {
  const end = asProtoDate(ctx.periodEnd);
  const start = asProtoDate(ctx.periodStart);
  if (end && end.year > 0) return month > end.month ? end.year - 1 : end.year;
  if (start && start.year > 0) return month < start.month ? start.year + 1 : start.year;
  return ctx.defaultYear ?? 0;
}

function asProtoDate(d: DocDate | globalThis.Date | undefined): { year: number; month: number } | undefined {
  if (!d) return undefined;
  if (d instanceof globalThis.Date) return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
  return { year: d.year, month: d.month };
}

function isValidDate(year: number, month: number, day: number, dayUnknown: boolean): boolean {
  if (month < 1 || month > 12 || year < 0 || year > 9999) return false;
  if (dayUnknown) return year > 0;
  const leap = year === 0 || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day >= 1 && day <= days;
}

/** A found date inside a longer text. */
export interface FoundDate {
  date: DocDate;
  raw: string;
  start: number;
  end: number;
}

const DATE_SCAN = new RegExp(
  [
    "\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}",
    "\\d{1,2}[/\\-.]\\d{1,2}[/\\-.](?:\\d{4}|\\d{2})",
    `${MONTH_NAME}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?`,
    `\\d{1,2}(?:st|nd|rd|th)?[\\s-]+${MONTH_NAME}(?:[\\s,-]+\\d{4})?`,
    "\\d{1,2}/\\d{1,2}",
  ]
    .map((p) => `(?:${p})`)
    .join("|"),
  "gi",
);

/** Finds the dates in a text, in document order (never inside longer digit runs). */
export function findDates(text: string, context: DateContext = {}): FoundDate[] {
  const out: FoundDate[] = [];
  for (const m of text.matchAll(DATE_SCAN)) {
    const before = text[m.index - 1] ?? " ";
    const after = text[m.index + m[0].length] ?? " ";
    if (/[\w/\-.]/.test(before) || /[\w/]|-\d/.test(after)) continue;
    const date = parseDate(m[0], context);
    if (date) out.push({ date, raw: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** ISO 8601 text: "2024-01-31"; partial dates as "2024-01" or "--07-17"; "" when nothing is known. */
export function dateToIso(d: DocDate): string {
  const mm = String(d.month).padStart(2, "0");
  const dd = String(d.day).padStart(2, "0");
  if (d.year > 0 && d.month > 0 && d.day > 0) return `${String(d.year).padStart(4, "0")}-${mm}-${dd}`;
  if (d.year > 0 && d.month > 0) return `${String(d.year).padStart(4, "0")}-${mm}`;
  if (d.month > 0 && d.day > 0) return `--${mm}-${dd}`;
  return d.year > 0 ? String(d.year) : "";
}

/** Parses a time of day: "14:05", "2:05 PM", "2:05:33 pm", "2 PM"; seconds are dropped. */
export function parseTime(text: string): TimeOfDay | undefined {
  const m = /^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap])?\.?\s*(m)?\.?$/i.exec(text.trim());
  if (!m) return undefined;
  let hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  const meridiem = m[4]?.toLowerCase();
  if (m[2] === undefined && !meridiem) return undefined;
  if (meridiem && (m[5] === undefined || hours < 1 || hours > 12)) return undefined;
  if (meridiem === "p" && hours < 12) hours += 12;
  if (meridiem === "a" && hours === 12) hours = 0;
  if (hours > 23 || minutes > 59 || (m[3] !== undefined && Number(m[3]) > 59)) return undefined;
  return create(TimeOfDaySchema, { hours, minutes });
}
