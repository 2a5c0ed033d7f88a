import type { Metrics, ScoreSummary } from "./score.js";

/** Everything one benchmark run measured. */
export interface BenchReport {
  pipeline: string;
  typedFieldsScored: boolean;
  documents: number;
  pages: number;
  seconds: number;
  pagesPerSecond: number;
  pageStatus: { ok: number; repaired: number; failed: number };
  /** Model requests whose image matched no corpus page. */
  unmatchedModelRequests: number;
  /** Per document type: failed pages and whole-call errors (by gRPC code name). */
  errorsByDocType: Record<string, { failedPages: number; callErrors: Record<string, number> }>;
  scores?: ScoreSummary;
  /** Per document: the fields that did not match (names and problem only, never values). */
  mismatches?: Record<string, string[]>;
}

const pct = (v: number): string => `${(v * 100).toFixed(1).padStart(5)}%`;

function table(title: string, rows: Record<string, Metrics>): string[] {
  const width = Math.max(12, ...Object.keys(rows).map((k) => k.length));
  const lines = [title, `  ${"".padEnd(width)}  precision  recall     F1     TP    FP    FN  blank-ok`];
  for (const [name, m] of Object.entries(rows)) {
    lines.push(
      `  ${name.padEnd(width)}  ${pct(m.precision)}   ${pct(m.recall)}  ${pct(m.f1)}  ${String(m.tp).padStart(5)} ${String(m.fp).padStart(5)} ${String(m.fn).padStart(5)}  ${String(m.blankCorrect).padStart(8)}`,
    );
  }
  return lines;
}

/** The human-readable report. */
export function formatReport(report: BenchReport, verbose: boolean): string {
  const lines = [
    `extract benchmark (${report.pipeline} pipeline): ${report.documents} documents, ${report.pages} pages in ${report.seconds.toFixed(2)} s = ${report.pagesPerSecond.toFixed(2)} pages/s`,
    `pages: ${report.pageStatus.ok} ok, ${report.pageStatus.repaired} repaired, ${report.pageStatus.failed} failed; unmatched model requests: ${report.unmatchedModelRequests}`,
  ];
  const errors = Object.entries(report.errorsByDocType).filter(([, e]) => e.failedPages > 0 || Object.keys(e.callErrors).length > 0);
  for (const [type, e] of errors) {
    const calls = Object.entries(e.callErrors).map(([code, n]) => `${code} x${n}`).join(", ");
    lines.push(`  ${type}: ${e.failedPages} failed page(s)${calls ? `; call errors: ${calls}` : ""}`);
  }
  if (!report.scores) {
    lines.push("", "typed fields are not scored: services/extract/src/transform/transform-document.ts (transformDocument) is not available");
    return lines.join("\n");
  }
  lines.push("", ...table("by document type", report.scores.byDocType));
  lines.push("", ...table("by field kind", report.scores.byKind));
  lines.push("", ...table("overall", { all: report.scores.overall }));
  if (verbose && report.mismatches) {
    lines.push("", "mismatches");
    for (const [id, list] of Object.entries(report.mismatches)) if (list.length) lines.push(`  ${id}: ${list.join(", ")}`);
  }
  return lines.join("\n");
}
