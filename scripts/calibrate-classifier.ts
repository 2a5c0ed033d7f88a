/**
 * Fits the classifier's calibration temperature T on a labelled set by minimising the negative
 * log-likelihood of the true class, and prints T, the ECE before and after, and the config line.
 *
 *   node --import tsx bench/classify/run.ts --corpus ../shared/corpus --engine vlm --vlm-url … --dump pages.jsonl
 *   node --import tsx scripts/calibrate-classifier.ts pages.jsonl
 *
 * Input: JSON lines {label, logprobs: {token: logprob}, temperature?}. `label` is the true type
 * (REST label "1099-INT" or model label "interest"); `logprobs` are first-token alternatives or
 * per-class log-probabilities keyed by model label (both are aggregated exactly as the engine does);
 * `temperature` (default 1) is the T the logprobs were already divided by (a dump of served scores):
 * they are multiplied back first, so the fitted T is on the raw logit scale and is the value to
 * configure, and "before" is the served calibration.
 */
import { readFileSync } from "node:fs";
import { parseDocumentTypeLabel } from "@docproc/common";
import type { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { expectedCalibrationError, goldenSectionMinimize } from "../bench/classify/calibration-metrics.js";
import { argmaxType, classLogprobs, distributionFromClassLogprobs } from "../services/classify/src/vlm/class-distribution.js";
import { documentTypeForClassLabel } from "../services/classify/src/vlm/class-labels.js";

interface Sample {
  truth: DocumentType;
  logprobs: Map<DocumentType, number>;
  /** The temperature already applied to these logprobs. */
  applied: number;
}

/** log T is searched in [ln 0.05, ln 20]: from very sharpening to very flattening. */
const LOG_T_RANGE = [Math.log(0.05), Math.log(20)] as const;

function readSamples(path: string): Sample[] {
  const samples: Sample[] = [];
  const lines = readFileSync(path, "utf8").split("\n").filter((line) => line.trim() !== "");
  lines.forEach((line, index) => {
    const record = JSON.parse(line) as { label?: string; logprobs?: Record<string, number>; temperature?: number };
    const truth = record.label === undefined ? undefined : (documentTypeForClassLabel(record.label) ?? parseDocumentTypeLabel(record.label));
    if (truth === undefined || !record.logprobs) throw new Error(`line ${index + 1}: needs a known label and logprobs`);
    const alternatives = Object.entries(record.logprobs).map(([token, logprob]) => ({ token, logprob }));
    const logprobs = classLogprobs(alternatives);
    if (logprobs.size === 0) throw new Error(`line ${index + 1}: no logprob maps to a class label`);
    samples.push({ truth, logprobs, applied: record.temperature ?? 1 });
  });
  return samples;
}

/** Rescales the samples' logprobs to the temperature-1 scale, where T is fitted. */
function unscaled(sample: Sample): Map<DocumentType, number> {
  return new Map([...sample.logprobs].map(([type, value]) => [type, value * sample.applied]));
}

function evaluate(samples: readonly Sample[], temperature: number): { nll: number; ece: number; accuracy: number } {
  let nll = 0;
  let correct = 0;
  const confidences = samples.map((sample) => {
    const scores = distributionFromClassLogprobs(unscaled(sample), temperature)!;
    const predicted = argmaxType(scores)!;
    nll -= Math.log(scores.get(sample.truth) ?? 1e-12);
    if (predicted === sample.truth) correct += 1;
    return { confidence: scores.get(predicted) ?? 0, correct: predicted === sample.truth };
  });
  return { nll: nll / samples.length, ece: expectedCalibrationError(confidences), accuracy: correct / samples.length };
}

const path = process.argv[2];
if (!path) {
  process.stderr.write("usage: calibrate-classifier.ts PAGES.jsonl\n");
  process.exit(2);
}
const samples = readSamples(path);
const applied = [...new Set(samples.map((sample) => sample.applied))];
const current = applied.length === 1 ? applied[0]! : 1;
const logT = goldenSectionMinimize((x) => evaluate(samples, Math.exp(x)).nll, LOG_T_RANGE[0], LOG_T_RANGE[1]);
const fitted = Math.exp(logT);
const before = evaluate(samples, current);
const after = evaluate(samples, fitted);

const lines = [
  `samples: ${samples.length} pages, accuracy ${(100 * before.accuracy).toFixed(1)}% (temperature does not change the argmax)`,
  `before (T=${current}): NLL ${before.nll.toFixed(4)}, ECE ${before.ece.toFixed(4)}`,
  `after  (T=${fitted.toFixed(4)}): NLL ${after.nll.toFixed(4)}, ECE ${after.ece.toFixed(4)}`,
];
if (samples.length < 100) lines.push(`note: ${samples.length} samples is a small set; T is only as good as the set is representative`);
if (Math.abs(logT - LOG_T_RANGE[0]) < 1e-3 || Math.abs(logT - LOG_T_RANGE[1]) < 1e-3) {
  lines.push("note: T hit the search bound; the set may be perfectly separated (every page right with high confidence)");
}
lines.push("", `CLASSIFY_TEMPERATURE=${fitted.toFixed(4)}`);
process.stdout.write(`${lines.join("\n")}\n`);
