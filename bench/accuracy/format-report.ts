import { DOCUMENT_TYPE_LABELS } from "@docproc/common";
import type { Metrics } from "../extract/score.js";
import { fixed, percent } from "../support/latency-stats.js";
import { formatTable, section } from "../support/text-table.js";
import { FAILED_LABEL, type SetSummary } from "./summarize-set.js";

/** The targets on the visible synthetic corpus. */
export const TARGETS = { classificationAccuracy: 0.95, cleanFieldF1: 0.9, degradedFieldF1: 0.8 } as const;

export interface AccuracyReport {
  machine: string;
  /** "started by the benchmark (cpu engines)" or the URL of a running gateway. */
  stack: string;
  concurrency: number;
  skipClassify: boolean;
  pdf: boolean;
  sets: SetSummary[];
  /** Peak RSS per service in MiB, when the benchmark started the stack. */
  peakRssMiB?: Record<string, number>;
  /** Services that exited during the run. */
  exited?: Record<string, string>;
  missing: string[];
}

const verdict = (value: number | undefined, target: number): string =>
  value === undefined || !Number.isFinite(value) ? "-" : value >= target ? `>= ${target} met` : `< ${target} MISSED`;

function classificationTable(sets: readonly SetSummary[], typeGiven: boolean): string {
  const rows = sets.map((s) => [
    s.set,
    s.documents,
    typeGiven ? "-" : s.classification.correct,
    typeGiven ? "-" : percent(s.classification.accuracy),
    typeGiven ? "type given" : s.set === "external" ? "-" : verdict(s.classification.accuracy, TARGETS.classificationAccuracy),
    s.pages,
    fixed(s.wallMs / 1000, 1),
    fixed(s.pagesPerSecond, 3),
    fixed(s.latency.p50Ms / 1000, 2),
    fixed(s.latency.p95Ms / 1000, 2),
    s.failures.length,
    s.skipped,
  ]);
  return formatTable(["set", "docs", "correct", "accuracy", "target", "pages", "wall s", "pages/s", "p50 s/doc", "p95 s/doc", "failed", "skipped"], rows);
}

/** Rows: true label; columns: the answer; only labels that occur. */
function confusionTable(summary: SetSummary): string {
  const confusion = summary.classification.confusion;
  const seen = new Set<string>([...Object.keys(confusion), ...Object.values(confusion).flatMap((row) => Object.keys(row))]);
  const columns = [...DOCUMENT_TYPE_LABELS, FAILED_LABEL].filter((label) => seen.has(label));
  const rows = DOCUMENT_TYPE_LABELS.filter((label) => confusion[label]).map((label) => [
    label,
    ...columns.map((column) => (confusion[label]?.[column] ? String(confusion[label]?.[column]) : ".")),
  ]);
  return formatTable(["truth \\ answer", ...columns], rows);
}

function fieldTable(clean: SetSummary | undefined, degraded: SetSummary | undefined): string {
  const types = [...new Set([...Object.keys(clean?.fields?.byDocType ?? {}), ...Object.keys(degraded?.fields?.byDocType ?? {})])];
  types.sort((a, b) => DOCUMENT_TYPE_LABELS.indexOf(a) - DOCUMENT_TYPE_LABELS.indexOf(b));
  const cells = (m: Metrics | undefined): string[] => [percent(m?.precision), percent(m?.recall), percent(m?.f1)];
  const rows = types.map((type) => [type, ...cells(clean?.fields?.byDocType[type]), ...cells(degraded?.fields?.byDocType[type])]);
  rows.push(["overall", ...cells(clean?.fields?.overall), ...cells(degraded?.fields?.overall)]);
  const table = formatTable(["type", "clean P", "clean R", "clean F1", "degraded P", "degraded R", "degraded F1"], rows);
  return [
    table,
    `  targets: clean F1 ${verdict(clean?.fields?.overall.f1, TARGETS.cleanFieldF1)}; degraded F1 ${verdict(degraded?.fields?.overall.f1, TARGETS.degradedFieldF1)}`,
  ].join("\n");
}

function invoiceTable(summary: SetSummary): string {
  const fields = summary.invoiceFields;
  if (!fields) return "  (no labelled invoices)";
  const row = (name: string, m: Metrics): Array<string | number> => [name, percent(m.precision), percent(m.recall), percent(m.f1), m.tp, m.fp, m.fn];
  const rows = [...Object.entries(fields.byField).map(([f, m]) => row(f, m)), row("overall", fields.overall)];
  return formatTable(["field", "P", "R", "F1", "TP", "FP", "FN"], rows);
}

/** The human-readable report; `verbose` adds every field mismatch. */
export function formatAccuracyReport(report: AccuracyReport, verbose: boolean): string {
  const bySet = new Map(report.sets.map((s) => [s.set, s]));
  const parts = [
    `accuracy benchmark: ProcessDocument through the gateway (Connect, HTTP/1.1), ${report.concurrency} document(s) at a time; stack: ${report.stack}` +
      `${report.skipClassify ? "; type given (classification skipped)" : ""}${report.pdf ? "; multi-page documents as PDF" : ""}`,
    `machine: ${report.machine}`,
  ];
  for (const path of report.missing) parts.push(`not found, skipped: ${path}`);
  parts.push(section("classification and throughput", classificationTable(report.sets, report.skipClassify)));
  if (!report.skipClassify) for (const s of report.sets) parts.push(section(`confusion matrix: ${s.set} (rows: truth, columns: answer)`, confusionTable(s)));
  if (bySet.get("clean")?.fields || bySet.get("degraded")?.fields) {
    parts.push(section("field precision / recall / F1 per type (bench/extract/score.ts)", fieldTable(bySet.get("clean"), bySet.get("degraded"))));
  }
  const external = bySet.get("external");
  if (external?.invoiceFields) {
    parts.push(section(`external invoices: fields against the source labels (${external.invoiceFields.documents} documents)`, invoiceTable(external)));
  }
  const pageRows = report.sets.map((s) => [s.set, s.pageStatus.ok, s.pageStatus.repaired, s.pageStatus.failed]);
  parts.push(section("extraction page status", formatTable(["set", "ok", "repaired", "failed"], pageRows)));
  if (report.peakRssMiB) {
    parts.push(section("peak RSS per service (process tree)", formatTable(["service", "MiB"], Object.entries(report.peakRssMiB).map(([s, v]) => [s, fixed(v, 1)]))));
  }
  for (const [service, how] of Object.entries(report.exited ?? {})) parts.push(`WARNING: ${service} exited during the run (${how})`);
  const failures = report.sets.flatMap((s) => s.failures.map((f) => `  ${s.set}/${f.id}: ${f.error}`));
  parts.push(section("failures", failures.length ? failures.join("\n") : "  none"));
  if (verbose) {
    const lines = report.sets.flatMap((s) => Object.entries(s.mismatches).map(([id, list]) => `  ${s.set}/${id}: ${list.join(", ")}`));
    parts.push(section("field mismatches", lines.length ? lines.join("\n") : "  none"));
  }
  return `${parts.join("\n")}\n`;
}
