import { DOCUMENT_TYPES, documentTypeLabel } from "@docproc/common";
import { ConfidenceSource } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import type { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { expectedCalibrationError } from "./calibration-metrics.js";

/** The outcome of one benchmark document. */
export interface BenchResult {
  id: string;
  truth: DocumentType;
  accepted: DocumentType[];
  predicted?: DocumentType;
  confidence: number;
  confidenceSource?: ConfidenceSource;
  pagesDisagree: boolean;
  /** Client-side wall time. */
  wallMs: number;
  /** The server's latency_ms. */
  serverMs: number;
  error?: string;
}

const SHORT: Record<string, string> = {
  W2: "W2", "1099-INT": "INT", "1099-DIV": "DIV", "1099-MISC": "MISC", "1099-NEC": "NEC", "1099-R": "R", "1098": "1098",
  bank_statement: "bank", credit_card_statement: "card", invoice: "inv", receipt: "rcpt", check: "chk", other: "oth",
};
const short = (type: DocumentType) => SHORT[documentTypeLabel(type)] ?? "?";

const isCorrect = (result: BenchResult) =>
  result.predicted !== undefined && (result.predicted === result.truth || result.accepted.includes(result.predicted));

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Accuracy, a confusion matrix (rows truth, columns predicted), ECE and latency, as text lines. */
export function formatReport(results: readonly BenchResult[]): string[] {
  const lines: string[] = [];
  const answered = results.filter((result) => result.predicted !== undefined);
  const correct = results.filter(isCorrect).length;
  lines.push(`documents: ${results.length}, answered: ${answered.length}, failed: ${results.length - answered.length}`);
  lines.push(`accuracy: ${correct}/${results.length} = ${((100 * correct) / Math.max(1, results.length)).toFixed(1)}%`);

  const width = 6;
  const pad = (text: string) => text.padStart(width);
  lines.push("", "confusion matrix (rows: truth, columns: predicted; 'fail' = request failed)");
  lines.push(pad("") + DOCUMENT_TYPES.map((type) => pad(short(type))).join("") + pad("fail"));
  for (const truth of DOCUMENT_TYPES) {
    const row = results.filter((result) => result.truth === truth);
    if (row.length === 0) continue;
    const cells = DOCUMENT_TYPES.map((predicted) => {
      const count = row.filter((result) => result.predicted === predicted).length;
      return pad(count === 0 ? "." : String(count));
    });
    const failed = row.filter((result) => result.predicted === undefined).length;
    lines.push(pad(short(truth)) + cells.join("") + pad(failed === 0 ? "." : String(failed)));
  }

  const scored = answered.filter((result) => result.confidenceSource !== ConfidenceSource.NONE);
  const sources = [...new Set(answered.map((result) => ConfidenceSource[result.confidenceSource ?? 0]))].join(", ");
  lines.push("", `confidence source: ${sources || "none"}`);
  if (scored.length > 0) {
    const samples = scored.map((result) => ({ confidence: result.confidence, correct: isCorrect(result) }));
    lines.push(`expected calibration error (10 bins, ${scored.length} documents): ${expectedCalibrationError(samples).toFixed(4)}`);
    lines.push(`mean confidence: ${mean(samples.map((s) => s.confidence)).toFixed(3)}`);
  } else {
    lines.push("expected calibration error: n/a (no confidences)");
  }
  lines.push(`pages disagree flagged: ${answered.filter((result) => result.pagesDisagree).length}`);
  lines.push(`mean latency: ${mean(results.map((r) => r.wallMs)).toFixed(0)} ms wall, ${mean(answered.map((r) => r.serverMs)).toFixed(0)} ms server`);

  const wrong = results.filter((result) => !isCorrect(result));
  if (wrong.length > 0) {
    lines.push("", "misclassified or failed:");
    for (const result of wrong) {
      const got = result.predicted === undefined ? `error: ${result.error ?? "?"}` : `${documentTypeLabel(result.predicted)} (${result.confidence.toFixed(3)})`;
      lines.push(`  ${result.id}: truth ${documentTypeLabel(result.truth)}, got ${got}`);
    }
  }
  return lines;
}
