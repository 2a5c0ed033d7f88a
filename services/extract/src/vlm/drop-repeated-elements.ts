import { emptyReport, type CleanReport } from "./clean-report.js";

/** Upstream drops later repeats of a (category, text) pair seen this many times or more. */
const PAIR_REPEAT_LIMIT = 5;

/** Step (f), plus exact-duplicate removal for the JSON fast path. Keeps first occurrences, in order. */
export function dropRepeatedElements(items: unknown[], report: CleanReport = emptyReport()): unknown[] {
  const key = (v: unknown): string => JSON.stringify(v);
  const pairs = new Map<string, number>();
  const boxes = new Map<string, number>();
  for (const item of items) {
    const obj = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
    if ("category" in obj && "text" in obj) {
      const k = key([obj["category"], obj["text"]]);
      pairs.set(k, (pairs.get(k) ?? 0) + 1);
    }
    if (Array.isArray(obj["bbox"]) && obj["bbox"].length > 0) {
      const k = key(obj["bbox"]);
      boxes.set(k, (boxes.get(k) ?? 0) + 1);
    }
  }
  const seenExact = new Set<string>();
  const seenPair = new Set<string>();
  const seenBox = new Set<string>();
  const kept: unknown[] = [];
  for (const item of items) {
    const exact = key(item);
    if (seenExact.has(exact)) {
      report.duplicatesRemoved += 1;
      continue;
    }
    seenExact.add(exact);
    const obj = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
    const pair = "category" in obj && "text" in obj ? key([obj["category"], obj["text"]]) : undefined;
    const box = Array.isArray(obj["bbox"]) && obj["bbox"].length > 0 ? key(obj["bbox"]) : undefined;
    const pairRepeat = pair !== undefined && (pairs.get(pair) ?? 0) >= PAIR_REPEAT_LIMIT && seenPair.has(pair);
    const boxRepeat = box !== undefined && (boxes.get(box) ?? 0) >= 2 && seenBox.has(box);
    if (pair !== undefined) seenPair.add(pair);
    if (box !== undefined) seenBox.add(box);
    if (pairRepeat || boxRepeat) {
      report.repeatsRemoved += 1;
      continue;
    }
    kept.push(item);
  }
  return kept;
}

