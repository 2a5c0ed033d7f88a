import { Code, ConnectError } from "@connectrpc/connect";
import { documentTypeLabel, type Logger } from "@docproc/common";
import { ConfidenceSource } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import type { PageVerdict } from "../engine.js";
import { argmaxType, classLogprobs, distributionFromClassLogprobs, type TokenLogprob } from "./class-distribution.js";
import { classLabelFor, documentTypeForClassLabel } from "./class-labels.js";
import { parseClassifierAnswer } from "./parse-classifier-answer.js";

/**
 * The part of an OpenAI chat completion this reads. Structural so that the verdict logic is
 * testable without the SDK and the `openai` import stays in the engine file.
 */
export interface CompletionLike {
  choices: ReadonlyArray<{
    message?: { content?: string | null } | null;
    logprobs?: {
      content?: ReadonlyArray<{ token: string; logprob: number; top_logprobs?: readonly TokenLogprob[] | null }> | null;
    } | null;
  }>;
}

/** The first position's alternatives, with the generated token added when the server left it out. */
function firstPositionAlternatives(completion: CompletionLike): { sampled?: string; alternatives: TokenLogprob[] } {
  const first = completion.choices[0]?.logprobs?.content?.[0];
  if (!first) return { alternatives: [] };
  const alternatives = [...(first.top_logprobs ?? [])];
  if (!alternatives.some((alternative) => alternative.token === first.token)) {
    alternatives.push({ token: first.token, logprob: first.logprob });
  }
  return { sampled: first.token, alternatives };
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/**
 * Turns a completion into a page verdict. The class is the parsed answer; the scores come from the
 * first token's log-probabilities at the calibration temperature. When the two disagree (possible
 * when T or the floor reshuffles near-ties, or when ambiguous pieces were left out) the generated
 * answer wins, because that is what the model said, and the scores are kept as they are.
 */
export function verdictFromCompletion(completion: CompletionLike, temperature: number, logger?: Logger): PageVerdict {
  const answer = completion.choices[0]?.message?.content?.trim() ?? "";
  if (answer === "") throw new ConnectError("classifier returned an empty answer", Code.Internal);
  const answerType = parseClassifierAnswer(answer);
  if (answerType === undefined) throw new ConnectError("classifier returned an unrecognised label", Code.Internal);

  const { sampled, alternatives } = firstPositionAlternatives(completion);
  const perClass = classLogprobs(alternatives, { answerType, ...(sampled === undefined ? {} : { sampledToken: sampled }) });
  // The logprobs describe our label scheme only when the answer is one of our labels: an
  // unconstrained server answering "W2" or JSON has first tokens ("W", "{", "1") that say nothing
  // about the 13 classes. And without the answer's own class among the alternatives the
  // distribution would contradict the answer outright. Both are no confidence, not a low one.
  const inScheme = documentTypeForClassLabel(answer) === answerType && perClass.has(answerType);
  const scores = inScheme ? distributionFromClassLogprobs(perClass, temperature) : undefined;
  const label = documentTypeLabel(answerType);

  if (scores === undefined) {
    const why =
      alternatives.length === 0
        ? "the server returned no log-probabilities"
        : "the answer is not in the constrained label scheme or its label is missing from the log-probabilities";
    return {
      documentType: answerType,
      scores: undefined,
      confidenceSource: ConfidenceSource.NONE,
      reasoning: `Model answered ${label}; confidence unavailable (${why}).`,
    };
  }

  const top = argmaxType(scores);
  let reasoning = `Model answered "${classLabelFor(answerType)}" (${label}) with p=${percent(scores.get(answerType) ?? 0)} from first-token log-probabilities at temperature ${temperature}.`;
  if (top !== undefined && top !== answerType) {
    logger?.debug({ answer: label, argmax: documentTypeLabel(top) }, "classifier answer differs from its most probable class");
    reasoning += ` The most probable class was ${documentTypeLabel(top)} (p=${percent(scores.get(top) ?? 0)}); the generated answer is kept.`;
  }
  return { documentType: answerType, scores, confidenceSource: ConfidenceSource.MODEL_PROBABILITIES, reasoning };
}
