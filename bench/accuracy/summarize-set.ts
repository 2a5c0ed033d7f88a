import { addCounts, type Counts, type DocumentScore, emptyCounts, type Metrics, metrics, scoreDocument, type ScoreSummary, summarize } from "../extract/score.js";
import { latencyStats, type LatencyStats } from "../support/latency-stats.js";
import type { SetName, Task } from "./corpus-tasks.js";
import { scoreExternalInvoice } from "./external-fields.js";
import type { TaskOutcome } from "./process-task.js";

/** Label used in the confusion matrix for a failed call. */
export const FAILED_LABEL = "(failed)";

/** Everything measured for one set of documents. */
export interface SetSummary {
  set: SetName;
  documents: number;
  /** Documents not sent because the time budget ran out. */
  skipped: number;
  pages: number;
  wallMs: number;
  pagesPerSecond: number;
  latency: LatencyStats;
  classification: { correct: number; total: number; accuracy: number; confusion: Record<string, Record<string, number>> };
  /** Synthetic sets: field scores against truth.json (bench/extract/score.ts). */
  fields?: ScoreSummary;
  /** External set: invoice fields against the source labels. */
  invoiceFields?: { overall: Metrics; byField: Record<string, Metrics>; documents: number };
  pageStatus: { ok: number; repaired: number; failed: number };
  failures: Array<{ id: string; error: string }>;
  /** Per document: fields that did not match (names and problem only, never values). */
  mismatches: Record<string, string[]>;
}

function confusionOf(outcomes: readonly TaskOutcome[]): Record<string, Record<string, number>> {
  const confusion: Record<string, Record<string, number>> = {};
  for (const o of outcomes) {
    const row = (confusion[o.docType] ??= {});
    const predicted = o.error ? FAILED_LABEL : o.correct ? o.docType : o.predicted;
    row[predicted] = (row[predicted] ?? 0) + 1;
  }
  return confusion;
}

export function summarizeSet(set: SetName, tasks: readonly Task[], outcomes: readonly TaskOutcome[], wallMs: number): SetSummary {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const pages = outcomes.reduce((n, o) => n + o.pages, 0);
  const correct = outcomes.filter((o) => o.correct).length;
  const pageStatus = { ok: 0, repaired: 0, failed: 0 };
  for (const o of outcomes) {
    pageStatus.ok += o.pageStatus.ok;
    pageStatus.repaired += o.pageStatus.repaired;
    pageStatus.failed += o.pageStatus.failed;
  }
  const summary: SetSummary = {
    set,
    documents: outcomes.length,
    skipped: tasks.length - outcomes.length,
    pages,
    wallMs,
    pagesPerSecond: wallMs > 0 ? (pages / wallMs) * 1000 : 0,
    latency: latencyStats(outcomes.map((o) => o.latencyMs)),
    classification: { correct, total: outcomes.length, accuracy: outcomes.length ? correct / outcomes.length : Number.NaN, confusion: confusionOf(outcomes) },
    pageStatus,
    failures: outcomes.filter((o) => o.error).map((o) => ({ id: o.id, error: o.error as string })),
    mismatches: {},
  };

  const scores: DocumentScore[] = [];
  const invoiceTotal = emptyCounts();
  const invoiceByField: Record<string, Counts> = {};
  let invoices = 0;
  for (const o of outcomes) {
    const task = byId.get(o.id);
    if (task?.truth) {
      const score = scoreDocument(task.truth, o.fields);
      scores.push(score);
      if (score.mismatches.length) summary.mismatches[o.id] = score.mismatches.map((m) => `${m.field} (${m.problem})`);
    } else if (task?.expectedFields && task.docType === "invoice") {
      const { counts, byField } = scoreExternalInvoice(task.expectedFields, task.acceptValues ?? {}, o.fields);
      addCounts(invoiceTotal, counts);
      for (const [field, c] of Object.entries(byField)) addCounts((invoiceByField[field] ??= emptyCounts()), c);
      invoices += 1;
    }
  }
  if (scores.length) summary.fields = summarize(scores);
  if (invoices) {
    summary.invoiceFields = {
      overall: metrics(invoiceTotal),
      byField: Object.fromEntries(Object.entries(invoiceByField).map(([f, c]) => [f, metrics(c)])),
      documents: invoices,
    };
  }
  return summary;
}
