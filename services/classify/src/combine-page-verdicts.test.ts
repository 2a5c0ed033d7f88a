import { Code, ConnectError } from "@connectrpc/connect";
import { DOCUMENT_TYPES } from "@docproc/common";
import { ConfidenceSource } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { describe, expect, it } from "vitest";
import { combinePageVerdicts } from "./combine-page-verdicts.js";
import type { PageVerdict } from "./engine.js";

/** A distribution with `p` on `type` and the rest spread evenly. */
function verdict(type: DocumentType, p: number, source = ConfidenceSource.MODEL_PROBABILITIES): PageVerdict {
  const rest = (1 - p) / 12;
  return {
    documentType: type,
    scores: new Map(DOCUMENT_TYPES.map((t) => [t, t === type ? p : rest])),
    confidenceSource: source,
    reasoning: `page says ${DocumentType[type]}`,
  };
}

function noneVerdict(type: DocumentType): PageVerdict {
  return { documentType: type, scores: undefined, confidenceSource: ConfidenceSource.NONE, reasoning: "no confidence" };
}

describe("combinePageVerdicts", () => {
  it("passes a single page through", () => {
    const combined = combinePageVerdicts([{ pageIndex: 0, verdict: verdict(DocumentType.W2, 0.9) }]);
    expect(combined.documentType).toBe(DocumentType.W2);
    expect(combined.confidence).toBeCloseTo(0.9, 9);
    expect(combined.pagesDisagree).toBe(false);
    expect(combined.reasoning).toBe("page says W2");
    expect(combined.confidenceSource).toBe(ConfidenceSource.MODEL_PROBABILITIES);
  });

  it("weights the first page twice and keeps the distribution normalised", () => {
    const combined = combinePageVerdicts([
      { pageIndex: 0, verdict: verdict(DocumentType.BANK_STATEMENT, 0.6) },
      { pageIndex: 1, verdict: verdict(DocumentType.OTHER, 0.4) },
    ]);
    expect(combined.documentType).toBe(DocumentType.BANK_STATEMENT);
    const expected = (2 * 0.6 + (1 - 0.4) / 12) / 3;
    expect(combined.confidence).toBeCloseTo(expected, 9);
    expect([...combined.scores!.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(combined.pagesDisagree).toBe(false);
  });

  it("flags confident pages that disagree", () => {
    const combined = combinePageVerdicts([
      { pageIndex: 0, verdict: verdict(DocumentType.W2, 0.9) },
      { pageIndex: 1, verdict: verdict(DocumentType.CHECK, 0.8) },
    ]);
    expect(combined.documentType).toBe(DocumentType.W2);
    expect(combined.pagesDisagree).toBe(true);
    expect(combined.reasoning).toContain("Pages disagree (page 1 W2, page 2 check)");
  });

  it("lets votes without scores decide when no page has scores, with confidence 0", () => {
    const combined = combinePageVerdicts([
      { pageIndex: 0, verdict: noneVerdict(DocumentType.INVOICE) },
      { pageIndex: 1, verdict: noneVerdict(DocumentType.RECEIPT) },
      { pageIndex: 2, verdict: noneVerdict(DocumentType.RECEIPT) },
      { pageIndex: 3, verdict: noneVerdict(DocumentType.INVOICE) },
    ]);
    expect(combined.documentType).toBe(DocumentType.INVOICE);
    expect(combined.confidence).toBe(0);
    expect(combined.scores).toBeUndefined();
    expect(combined.confidenceSource).toBe(ConfidenceSource.NONE);
    expect(combined.pagesDisagree).toBe(true);
  });

  it("uses the scored pages for the distribution when sources are mixed", () => {
    const combined = combinePageVerdicts([
      { pageIndex: 0, verdict: noneVerdict(DocumentType.W2) },
      { pageIndex: 1, verdict: verdict(DocumentType.W2, 0.7) },
    ]);
    expect(combined.documentType).toBe(DocumentType.W2);
    expect(combined.confidence).toBeCloseTo(0.7, 9);
    expect(combined.confidenceSource).toBe(ConfidenceSource.MODEL_PROBABILITIES);
    expect(combined.pagesDisagree).toBe(false);
  });

  it("leaves failed pages out and says so", () => {
    const combined = combinePageVerdicts([
      { pageIndex: 0, error: new ConnectError("boom", Code.Unavailable) },
      { pageIndex: 1, verdict: verdict(DocumentType.INVOICE, 0.8) },
    ]);
    expect(combined.documentType).toBe(DocumentType.INVOICE);
    expect(combined.confidence).toBeCloseTo(0.8, 9);
    expect(combined.reasoning).toContain("1 of 2 pages could not be classified");
  });

  it("throws the most specific error when every page failed", () => {
    const run = () =>
      combinePageVerdicts([
        { pageIndex: 0, error: new ConnectError("model down", Code.Unavailable) },
        { pageIndex: 1, error: new ConnectError("page 2: not an image", Code.InvalidArgument) },
      ]);
    expect(run).toThrow(ConnectError);
    try {
      run();
    } catch (error) {
      expect((error as ConnectError).code).toBe(Code.InvalidArgument);
    }
  });
});
