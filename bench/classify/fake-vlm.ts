import { DOCUMENT_TYPES } from "@docproc/common";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { classLabelFor } from "../../services/classify/src/vlm/class-labels.js";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../../services/extract/test-support/fake-openai-server.js";
import { classifierAnswer } from "../../services/classify/test-support/classifier-answer.js";

/** The class a fake model confuses each type with, when it errs. */
const CONFUSABLE = new Map<DocumentType, DocumentType>([
  [DocumentType.W2, DocumentType.OTHER],
  [DocumentType.FORM_1099_INT, DocumentType.FORM_1099_DIV],
  [DocumentType.FORM_1099_DIV, DocumentType.FORM_1099_INT],
  [DocumentType.FORM_1099_MISC, DocumentType.FORM_1099_NEC],
  [DocumentType.FORM_1099_NEC, DocumentType.FORM_1099_MISC],
  [DocumentType.FORM_1099_R, DocumentType.FORM_1099_DIV],
  [DocumentType.FORM_1098, DocumentType.BANK_STATEMENT],
  [DocumentType.BANK_STATEMENT, DocumentType.CREDIT_CARD_STATEMENT],
  [DocumentType.CREDIT_CARD_STATEMENT, DocumentType.BANK_STATEMENT],
  [DocumentType.INVOICE, DocumentType.RECEIPT],
  [DocumentType.RECEIPT, DocumentType.INVOICE],
  [DocumentType.CHECK, DocumentType.OTHER],
  [DocumentType.OTHER, DocumentType.INVOICE],
]);

/** A deterministic number in [0, 1) from a string (FNV-1a), so runs are repeatable. */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash / 2 ** 32;
}

/**
 * The scripted first-token distribution for a page: usually the truth with p in [0.8, 0.99];
 * for about one page in six the confusable class wins instead. The model is deliberately
 * over-confident (p is drawn higher than its accuracy warrants), so calibration has work to do.
 */
export function scriptedDistribution(truth: DocumentType, key: string): Map<DocumentType, number> {
  const wrong = unitHash(`${key}:wrong`) < 1 / 6;
  const top = wrong ? (CONFUSABLE.get(truth) ?? DocumentType.OTHER) : truth;
  const p = 0.8 + 0.19 * unitHash(`${key}:p`);
  const second = wrong ? truth : (CONFUSABLE.get(truth) ?? DocumentType.OTHER);
  const secondP = (1 - p) * 0.7;
  const rest = (1 - p - secondP) / 11;
  return new Map(DOCUMENT_TYPES.map((type) => [type, type === top ? p : type === second ? secondP : rest]));
}

export interface FakeVlm {
  server: FakeOpenAiServer;
  /** Sets the truth label the next requests are answered from. */
  answerAs(truth: DocumentType, documentId: string): void;
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible server that answers classify requests from the truth label with a scripted
 * logprob distribution, to run the VLM path end to end without a GPU. Its accuracy is made up.
 */
export async function startFakeVlm(model: string): Promise<FakeVlm> {
  const server = await startFakeOpenAiServer({ models: [model] });
  let truth: DocumentType = DocumentType.OTHER;
  let documentId = "";
  let pageCounter = 0;
  server.setHandler(() => {
    const distribution = scriptedDistribution(truth, `${documentId}#${pageCounter++}`);
    const top = [...distribution].sort((a, b) => b[1] - a[1]);
    const answer = classLabelFor(top[0]![0]);
    return classifierAnswer(answer, top.map(([type, p]) => ({ token: classLabelFor(type), logprob: Math.log(p) })));
  });
  return {
    server,
    answerAs(next, id) {
      truth = next;
      documentId = id;
      pageCounter = 0;
    },
    close: () => server.close(),
  };
}
