import { isObject, type Json, type JsonObject, presenceOf, valuesMatch } from "./score-compare.js";

/**
 * Field-level scoring of extracted typed documents against corpus truth.json.
 * A unit is one scalar field or one list item. Rules:
 * - truth value present: a matching prediction is a TP; a wrong one is both
 *   a FP and a FN; a missing one is a FN.
 * - truth value null (the box is printed blank): a BLANK status or no value
 *   is correct (a TP, also counted as blankCorrect); a value is a FP.
 * - truth raw null with a value (implied, not printed, e.g. currency): skipped.
 * - lists: each truth item is a unit, paired greedily in order with the most
 *   similar unused predicted item; a pair is a TP only when every compared
 *   sub-field matches; unpaired or wrong predicted items are FPs.
 * Fields the truth does not list are not scored.
 */

export type { Json, JsonObject } from "./score-compare.js";

export interface TruthDocument {
  id: string;
  doc_type: string;
  fields: Record<string, JsonObject>;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  blankCorrect: number;
}

export interface Metrics extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface FieldMismatch {
  field: string;
  /** "wrong", "missing", "unexpected" (value where the truth is blank), "extra-item" or "missing-item". */
  problem: string;
}

export interface DocumentScore {
  id: string;
  docType: string;
  counts: Counts;
  byKind: Record<string, Counts>;
  mismatches: FieldMismatch[];
}

export const emptyCounts = (): Counts => ({ tp: 0, fp: 0, fn: 0, blankCorrect: 0 });

export function addCounts(into: Counts, from: Counts): Counts {
  into.tp += from.tp;
  into.fp += from.fp;
  into.fn += from.fn;
  into.blankCorrect += from.blankCorrect;
  return into;
}

export function metrics(counts: Counts): Metrics {
  const precision = counts.tp + counts.fp === 0 ? 1 : counts.tp / (counts.tp + counts.fp);
  const recall = counts.tp + counts.fn === 0 ? 1 : counts.tp / (counts.tp + counts.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...counts, precision, recall, f1 };
}

/** A reporting bucket, chosen from the truth alone so a missing prediction lands in the same place. */
export function kindOf(name: string, field: JsonObject): string {
  const value = field["value"];
  if (typeof field["last4"] === "string") return typeof field["type"] === "string" ? "tin" : "account";
  if (Array.isArray(value)) return "list-item";
  if (typeof value === "boolean") return "checkbox";
  if (typeof value === "number") return "int";
  if (isObject(value)) return "address";
  if ("first" in field || "last" in field) return "name";
  if (typeof value !== "string") return "blank";
  if (/rate|apr|percent|pct|quantity/.test(name)) return "decimal";
  if (/^-?\d+\.\d{2,3}$/.test(value)) return "money";
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return "date";
  if (/^\d{2}:\d{2}$/.test(value)) return "time";
  return "text";
}

/** The sub-fields of a truth list item that are compared: not raw/page_index, not null, not implied. */
function itemKeys(item: JsonObject): string[] {
  const raw = isObject(item["raw"]) ? item["raw"] : undefined;
  return Object.keys(item).filter((k) => k !== "raw" && k !== "page_index" && item[k] !== null && !(raw && k in raw && raw[k] === null));
}

function itemMatches(item: Json, predicted: Json): number {
  if (!isObject(item)) return valuesMatch("", undefined, item, predicted) ? 1 : 0;
  if (!isObject(predicted)) return 0;
  return itemKeys(item).filter((k) => valuesMatch(k, undefined, item[k] as Json, predicted[k])).length;
}

function scoreList(name: string, truth: Json[], predicted: Json | undefined, counts: Counts, mismatches: FieldMismatch[]): void {
  const candidates = Array.isArray(predicted) ? [...predicted] : [];
  const used = new Set<number>();
  truth.forEach((item, i) => {
    const needed = isObject(item) ? itemKeys(item).length : 1;
    let best = -1;
    let bestScore = 0;
    candidates.forEach((candidate, j) => {
      if (used.has(j)) return;
      const score = itemMatches(item, candidate);
      if (score > bestScore) [best, bestScore] = [j, score];
    });
    if (best >= 0 && bestScore === needed) {
      used.add(best);
      counts.tp += 1;
    } else {
      counts.fn += 1;
      mismatches.push({ field: `${name}[${i}]`, problem: "missing-item" });
    }
  });
  const extra = candidates.length - used.size;
  counts.fp += extra;
  if (extra > 0) mismatches.push({ field: name, problem: `extra-item x${extra}` });
}

/**
 * Scores one document. `predicted` is the TypedDocument as JSON with proto
 * field names (the oneof wrapper, {"w2": {...}}); undefined when the pipeline
 * returned no fields.
 */
export function scoreDocument(truth: TruthDocument, predicted: JsonObject | undefined): DocumentScore {
  const wrapped = predicted ? Object.values(predicted)[0] : undefined;
  const inner: JsonObject = isObject(wrapped) ? wrapped : {};
  const counts = emptyCounts();
  const byKind: Record<string, Counts> = {};
  const mismatches: FieldMismatch[] = [];
  for (const [name, field] of Object.entries(truth.fields)) {
    const value = field["value"] ?? null;
    if (field["raw"] === null && value !== null) continue; // implied, not printed
    const kind = value === null ? "blank" : kindOf(name, field);
    const local = emptyCounts();
    const got = inner[name];
    if (Array.isArray(value)) {
      scoreList(name, value, got, local, mismatches);
    } else if (value === null) {
      if (presenceOf(got) === "value") {
        local.fp += 1;
        mismatches.push({ field: name, problem: "unexpected" });
      } else {
        local.tp += 1;
        local.blankCorrect += 1;
      }
    } else if (presenceOf(got) !== "value") {
      local.fn += 1;
      mismatches.push({ field: name, problem: "missing" });
    } else if (valuesMatch(name, field, value, got)) {
      local.tp += 1;
    } else {
      local.fp += 1;
      local.fn += 1;
      mismatches.push({ field: name, problem: "wrong" });
    }
    addCounts(counts, local);
    addCounts((byKind[kind] ??= emptyCounts()), local);
  }
  return { id: truth.id, docType: truth.doc_type, counts, byKind, mismatches };
}

export interface ScoreSummary {
  overall: Metrics;
  byDocType: Record<string, Metrics>;
  byKind: Record<string, Metrics>;
}

export function summarize(scores: readonly DocumentScore[]): ScoreSummary {
  const overall = emptyCounts();
  const byDocType: Record<string, Counts> = {};
  const byKind: Record<string, Counts> = {};
  for (const score of scores) {
    addCounts(overall, score.counts);
    addCounts((byDocType[score.docType] ??= emptyCounts()), score.counts);
    for (const [kind, c] of Object.entries(score.byKind)) addCounts((byKind[kind] ??= emptyCounts()), c);
  }
  const toMetrics = (m: Record<string, Counts>): Record<string, Metrics> =>
    Object.fromEntries(Object.entries(m).sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => [k, metrics(c)]));
  return { overall: metrics(overall), byDocType: toMetrics(byDocType), byKind: toMetrics(byKind) };
}
