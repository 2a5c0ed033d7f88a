import { Code, ConnectError } from "@connectrpc/connect";
import { ConfidenceSource } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { describe, expect, it } from "vitest";
import { ABSENT_CLASS_PROBABILITY, classLogprobs, distributionFromClassLogprobs } from "./class-distribution.js";
import { verdictFromCompletion, type CompletionLike } from "./verdict-from-completion.js";

const log = Math.log;

function completion(content: string, sampled?: { token: string; logprob: number }, top?: Array<{ token: string; logprob: number }>): CompletionLike {
  return {
    choices: [{ message: { content }, logprobs: sampled ? { content: [{ ...sampled, top_logprobs: top ?? [sampled] }] } : null }],
  };
}

describe("verdictFromCompletion", () => {
  it("keeps the generated answer when the scores' argmax differs", () => {
    // Both near-equal; the answer "invoice" is what the model generated.
    const verdict = verdictFromCompletion(
      completion("invoice", { token: "invoice", logprob: log(0.45) }, [
        { token: "receipt", logprob: log(0.5) },
        { token: "invoice", logprob: log(0.45) },
      ]),
      1,
    );
    expect(verdict.documentType).toBe(DocumentType.INVOICE);
    expect(verdict.scores!.get(DocumentType.RECEIPT)).toBeGreaterThan(verdict.scores!.get(DocumentType.INVOICE)!);
    expect(verdict.reasoning).toContain("generated answer is kept");
  });

  it("attributes an ambiguous sampled piece to the answer and drops other ambiguous pieces", () => {
    const perClass = classLogprobs(
      [
        { token: "in", logprob: log(0.6) },
        { token: "i", logprob: log(0.05) },
        { token: "receipt", logprob: log(0.3) },
      ],
      { sampledToken: "in", answerType: DocumentType.INVOICE },
    );
    expect([...perClass.keys()].sort()).toEqual([DocumentType.INVOICE, DocumentType.RECEIPT].sort());
    expect(perClass.get(DocumentType.INVOICE)).toBeCloseTo(log(0.6), 9);
  });

  it('reports no confidence for an answer outside the label scheme (unconstrained "W2", first token "W")', () => {
    const verdict = verdictFromCompletion(completion("W2", { token: "W", logprob: log(0.9) }, [{ token: "W", logprob: log(0.9) }]), 1);
    expect(verdict.documentType).toBe(DocumentType.W2);
    expect(verdict.confidenceSource).toBe(ConfidenceSource.NONE);
    expect(verdict.scores).toBeUndefined();
  });

  it("fails with Internal on an empty answer", () => {
    expect(() => verdictFromCompletion({ choices: [] }, 1)).toThrow(ConnectError);
    try {
      verdictFromCompletion(completion("  "), 1);
    } catch (error) {
      expect((error as ConnectError).code).toBe(Code.Internal);
    }
  });
});

describe("distributionFromClassLogprobs", () => {
  it("floors absent classes and still sums to 1", () => {
    const scores = distributionFromClassLogprobs(new Map([[DocumentType.CHECK, 0]]), 1)!;
    expect(scores.get(DocumentType.CHECK)).toBeCloseTo(1 - 12 * ABSENT_CLASS_PROBABILITY, 6);
    expect([...scores.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(distributionFromClassLogprobs(new Map(), 1)).toBeUndefined();
  });
});
