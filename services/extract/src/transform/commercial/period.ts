import { create } from "@bufbuild/protobuf";
import { type Date as DocDate, DateSchema } from "@docproc/gen/docproc/v1/values_pb.js";
import { type DateContext, findDates } from "../../fields/index.js";
import type { Evidence } from "./field-build.js";
import { findBest } from "./label-finder.js";
import type { LabelSpec } from "./label-pattern.js";
import type { LayoutDoc } from "./layout-doc.js";
import { readDate } from "./value-readers.js";

/** A dated period ("08/15/2024 - 09/14/2024", "March 1 through March 31, 2024"); one end may be missing. */
export interface Period {
  start?: DocDate;
  end?: DocDate;
  startEvidence?: Evidence;
  endEvidence?: Evidence;
}

const PERIOD_WORDS = /period|cycle|statement|billing|from|dates?|covering|for\b/i;
const CONNECTOR = /^\s*(?:-|–|—|to|through|thru|until|till)\s*$/i;

const START_LABELS: LabelSpec = {
  labels: ["period beginning", "period begin", "period start", "period starting", "start date", "period from", "opening date", "from date", "beginning date", "service from"],
};
const END_LABELS: LabelSpec = {
  labels: ["period ending", "period end", "period ended", "end date", "period to", "closing date", "through date", "ending date", "to date", "service to"],
};

/**
 * The period of a statement or bill: the best "date to date" range (a line
 * naming a period/cycle wins over a bare range), else separately labelled
 * start and end dates. A start printed without a year takes the end's year
 * (the year before when its month is later).
 */
export function findPeriod(doc: LayoutDoc, preferred: RegExp = PERIOD_WORDS): Period | undefined {
  let best: (Period & { score: number }) | undefined;
  for (const line of doc.lines) {
    if (line.cells && (line.block.grid?.rows.length ?? 0) > 6) continue;
    const dates = findDates(line.text);
    for (let i = 0; i + 1 < dates.length; i++) {
      const a = dates[i]!;
      const b = dates[i + 1]!;
      if (!CONNECTOR.test(line.text.slice(a.end, b.start)) || b.date.year === 0) continue;
      const start = a.date.year > 0 ? a.date : withYear(a.date, b.date);
      if (compare(start, b.date) > 0) continue;
      const before = line.text.slice(0, a.start);
      const score = (preferred.test(before) ? 2 : PERIOD_WORDS.test(before) ? 1 : 0) - line.seq / 100000;
      if (!best || score > best.score) {
        best = {
          start,
          end: b.date,
          startEvidence: { raw: a.raw, line, quality: score >= 1 ? 0.95 : 0.8 },
          endEvidence: { raw: b.raw, line, quality: score >= 1 ? 0.95 : 0.8 },
          score,
        };
      }
    }
  }
  if (best) return best;
  const s = findBest(doc, START_LABELS, readDate());
  const e = findBest(doc, END_LABELS, readDate());
  if (!s && !e) return undefined;
  return { ...(s ? { start: s.value, startEvidence: s } : {}), ...(e ? { end: e.value, endEvidence: e } : {}) };
}

function withYear(d: DocDate, end: DocDate): DocDate {
  const year = d.month > end.month || (d.month === end.month && d.day > end.day) ? end.year - 1 : end.year;
  return create(DateSchema, { year, month: d.month, day: d.day });
}

/** Orders two dates (year, month, day). */
export function compare(a: DocDate, b: DocDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

const ANCHOR_DATE: LabelSpec = { labels: ["statement date", "statement closing date", "closing date", "as of", "date"] };

/**
 * What undated statement lines ("07/17") are resolved against: the period,
 * else the statement/closing date as the period's end, else the latest
 * full date printed anywhere.
 */
export function dateContext(doc: LayoutDoc, period: Period | undefined): DateContext {
  if (period?.end) return { ...(period.start ? { periodStart: period.start } : {}), periodEnd: period.end };
  const anchor = findBest(doc, ANCHOR_DATE, readDate());
  if (anchor && anchor.value.year > 0) return { periodEnd: anchor.value };
  const dated = doc.lines.flatMap((l) => findDates(l.text).map((d) => d.date)).filter((d) => d.year > 0);
  const latest = dated.sort((a, b) => compare(b, a))[0];
  return latest ? { periodEnd: latest } : {};
}
