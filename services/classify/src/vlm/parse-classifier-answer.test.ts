import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { describe, expect, it } from "vitest";
import { parseClassifierAnswer } from "./parse-classifier-answer.js";

describe("parseClassifierAnswer", () => {
  it.each([
    ["wage", DocumentType.W2],
    [" Pension\n", DocumentType.FORM_1099_R],
    ["W2", DocumentType.W2],
    ["W-2", DocumentType.W2],
    ["Form W-2", DocumentType.W2],
    ["1099-INT", DocumentType.FORM_1099_INT],
    ["1098", DocumentType.FORM_1098],
    ["bank statement", DocumentType.BANK_STATEMENT],
    ["bank_statement", DocumentType.BANK_STATEMENT],
    ["Credit card statement.", DocumentType.CREDIT_CARD_STATEMENT],
    ['"receipt"', DocumentType.RECEIPT],
    ['{"type": "W2", "confidence": 0.9, "reasoning": "..."}', DocumentType.W2],
    ['Here you go:\n```json\n{"type":"1099-DIV"}\n```\nThanks', DocumentType.FORM_1099_DIV],
    ['```\n{"label": "invoice"}\n```', DocumentType.INVOICE],
    ['The answer is {"document_type": "credit_card_statement"} as requested.', DocumentType.CREDIT_CARD_STATEMENT],
  ])("reads %j", (answer, expected) => {
    expect(parseClassifierAnswer(answer)).toBe(expected);
  });

  it.each([[""], ["unknown"], ["I think this could be a check or a W-2"], ['{"type": "tax form"}'], ["[1, 2]"], ["1099"]])(
    "refuses %j",
    (answer) => {
      expect(parseClassifierAnswer(answer)).toBeUndefined();
    },
  );
});
