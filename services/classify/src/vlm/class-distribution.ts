import { DOCUMENT_TYPES } from "@docproc/common";
import type { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { classesForToken, normaliseToken } from "./class-labels.js";

/** One alternative at the first generated position, as the OpenAI logprobs shape gives it. */
export interface TokenLogprob {
  token: string;
  logprob: number;
}

/**
 * The probability given to a class that is absent from the returned top alternatives. Its true
 * mass is somewhere between 0 and the smallest listed alternative; a small floor rather than 0 keeps
 * every score positive (the log-loss of the calibration fit stays finite) and moves the winning
 * class's probability by at most 12e-6.
 */
export const ABSENT_CLASS_PROBABILITY = 1e-6;

function logSumExp(values: readonly number[]): number {
  const max = Math.max(...values);
  if (max === -Infinity) return -Infinity;
  return max + Math.log(values.reduce((sum, value) => sum + Math.exp(value - max), 0));
}

/**
 * Per-class log-probability at the first position: the log-sum-exp of every alternative token that
 * begins that class's label (a class's mass is split over "card", "car", "c"... when the grammar
 * allows partial pieces). A token that begins two labels ("in" for interest and invoice) is
 * ambiguous: it goes to `answerType` when it is the token the model actually generated (that token
 * did lead to the answer) and is otherwise left out rather than guessed.
 */
export function classLogprobs(
  alternatives: readonly TokenLogprob[],
  options: { sampledToken?: string; answerType?: DocumentType } = {},
): Map<DocumentType, number> {
  const perClass = new Map<DocumentType, number[]>();
  const sampled = options.sampledToken === undefined ? undefined : normaliseToken(options.sampledToken);
  for (const alternative of alternatives) {
    if (!Number.isFinite(alternative.logprob)) continue;
    let classes = classesForToken(alternative.token);
    if (classes.length > 1) {
      const isSampled = sampled !== undefined && normaliseToken(alternative.token) === sampled;
      classes = isSampled && options.answerType !== undefined && classes.includes(options.answerType) ? [options.answerType] : [];
    }
    const type = classes[0];
    if (classes.length !== 1 || type === undefined) continue;
    const list = perClass.get(type) ?? [];
    list.push(alternative.logprob);
    perClass.set(type, list);
  }
  return new Map([...perClass].map(([type, values]) => [type, logSumExp(values)]));
}

/**
 * The calibrated distribution over the 13 types: p ∝ exp(logprob / T) over the classes present,
 * then every class below ABSENT_CLASS_PROBABILITY (absent ones included) raised to it and everything
 * renormalised to sum to 1.
 * `temperature` is the calibration temperature fitted by scripts/calibrate-classifier.ts; T > 1
 * softens an over-confident model. Returns undefined when no class has any mass.
 */
export function distributionFromClassLogprobs(
  logprobs: ReadonlyMap<DocumentType, number>,
  temperature: number,
): Map<DocumentType, number> | undefined {
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new RangeError(`temperature must be a positive number, got ${temperature}`);
  }
  const present = [...logprobs].filter(([, value]) => Number.isFinite(value));
  if (present.length === 0) return undefined;
  const normaliser = logSumExp(present.map(([, value]) => value / temperature));
  const scores = new Map<DocumentType, number>();
  for (const type of DOCUMENT_TYPES) {
    const value = logprobs.get(type);
    scores.set(type, value !== undefined && Number.isFinite(value) ? Math.exp(value / temperature - normaliser) : 0);
  }
  let total = 0;
  for (const [type, score] of scores) {
    const floored = Math.max(score, ABSENT_CLASS_PROBABILITY);
    scores.set(type, floored);
    total += floored;
  }
  for (const [type, score] of scores) scores.set(type, score / total);
  return scores;
}

/** The type with the highest score (the first in DOCUMENT_TYPES order on a tie). */
export function argmaxType(scores: ReadonlyMap<DocumentType, number>): DocumentType | undefined {
  let best: DocumentType | undefined;
  let bestScore = -Infinity;
  for (const [type, score] of scores) {
    if (score > bestScore) {
      best = type;
      bestScore = score;
    }
  }
  return best;
}
