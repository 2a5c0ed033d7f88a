import { Code, ConnectError } from "@connectrpc/connect";
import { DOCUMENT_TYPES, documentTypeLabel } from "@docproc/common";
import { ConfidenceSource } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import type { PageVerdict } from "./engine.js";

export interface PageOutcome {
  pageIndex: number;
  verdict?: PageVerdict;
  /** Why the page failed; the code decides which error is thrown when every page failed. */
  error?: ConnectError;
}

export interface CombinedVerdict {
  documentType: DocumentType;
  /** The combined score of documentType; 0 when there are no scores. */
  confidence: number;
  scores: Map<DocumentType, number> | undefined;
  /** True when confident pages (≥ DISAGREE_MIN_CONFIDENCE, or with no confidence at all) name different types. */
  pagesDisagree: boolean;
  confidenceSource: ConfidenceSource;
  reasoning: string;
}

/**
 * The first page carries the title, form name and letterhead; later pages of a statement or
 * invoice are often bare transaction tables. It counts twice as much as any other page.
 */
const FIRST_PAGE_WEIGHT = 2;
const OTHER_PAGE_WEIGHT = 1;
const DISAGREE_MIN_CONFIDENCE = 0.5;

/**
 * When every page failed the most telling error wins: the caller's own cancellation or deadline,
 * then a problem with the input, then capacity, then the model being down, then anything else.
 */
const ERROR_PRIORITY: readonly Code[] = [
  Code.Canceled,
  Code.DeadlineExceeded,
  Code.InvalidArgument,
  Code.FailedPrecondition,
  Code.ResourceExhausted,
  Code.Unavailable,
  Code.Internal,
];

function mostSpecificError(errors: readonly ConnectError[]): ConnectError {
  const rank = (error: ConnectError) => {
    const at = ERROR_PRIORITY.indexOf(error.code);
    return at === -1 ? ERROR_PRIORITY.length : at;
  };
  return [...errors].sort((a, b) => rank(a) - rank(b))[0] ?? new ConnectError("no page could be classified", Code.Internal);
}

function argmax(scores: ReadonlyMap<DocumentType, number>): DocumentType {
  let best: DocumentType = DocumentType.OTHER;
  let bestScore = -Infinity;
  for (const [type, score] of scores) {
    if (score > bestScore) [best, bestScore] = [type, score];
  }
  return best;
}

/**
 * Combines per-page answers into one document answer by a weighted linear pool: the document's
 * distribution is the weighted average of the pages' distributions (first page ×2). A linear pool
 * rather than a product of experts because pages are not independent evidence (a statement's
 * pages repeat each other) and one confidently odd page (a bundled check) must not veto the rest.
 *
 * Pages without scores (confidence source NONE) still vote: if no page has scores the answer is
 * the weighted vote with confidence 0; if some do, only those form the distribution, and a NONE
 * page naming another type still counts as disagreement. Failed pages are left out and named.
 */
export function combinePageVerdicts(pages: readonly PageOutcome[]): CombinedVerdict {
  const succeeded = pages.filter((page): page is PageOutcome & { verdict: PageVerdict } => page.verdict !== undefined);
  const failed = pages.filter((page) => page.verdict === undefined);
  if (succeeded.length === 0) {
    throw mostSpecificError(failed.map((page) => page.error ?? new ConnectError(`page ${page.pageIndex + 1}: not classified`, Code.Internal)));
  }
  const firstIndex = Math.min(...succeeded.map((page) => page.pageIndex));
  const weight = (page: PageOutcome) => (page.pageIndex === firstIndex ? FIRST_PAGE_WEIGHT : OTHER_PAGE_WEIGHT);

  const scored = succeeded.filter((page) => page.verdict.scores !== undefined);
  let scores: Map<DocumentType, number> | undefined;
  let documentType: DocumentType;
  let confidenceSource = ConfidenceSource.NONE;
  if (scored.length > 0) {
    scores = new Map(DOCUMENT_TYPES.map((type) => [type, 0]));
    const totalWeight = scored.reduce((sum, page) => sum + weight(page), 0);
    for (const page of scored) {
      for (const [type, score] of page.verdict.scores!) scores.set(type, (scores.get(type) ?? 0) + (weight(page) * score) / totalWeight);
    }
    documentType = argmax(scores);
    confidenceSource = scored[0]!.verdict.confidenceSource;
  } else {
    const votes = new Map<DocumentType, number>();
    for (const page of succeeded) votes.set(page.verdict.documentType, (votes.get(page.verdict.documentType) ?? 0) + weight(page));
    documentType = argmax(votes);
  }

  const confidentTypes = new Set(
    succeeded
      .filter((page) => page.verdict.scores === undefined || (page.verdict.scores.get(page.verdict.documentType) ?? 0) >= DISAGREE_MIN_CONFIDENCE)
      .map((page) => page.verdict.documentType),
  );
  const pagesDisagree = confidentTypes.size > 1;

  const parts: string[] = [];
  if (succeeded.length === 1) parts.push(succeeded[0]!.verdict.reasoning);
  else {
    parts.push(`${succeeded.length} pages combined by weighted average (first page counted twice).`);
    const first = succeeded.find((page) => page.pageIndex === firstIndex);
    if (first) parts.push(`Page ${firstIndex + 1}: ${first.verdict.reasoning}`);
  }
  if (pagesDisagree) {
    const byPage = succeeded.map((page) => `page ${page.pageIndex + 1} ${documentTypeLabel(page.verdict.documentType)}`).join(", ");
    parts.push(`Pages disagree (${byPage}); the input may bundle several documents.`);
  }
  if (failed.length > 0) parts.push(`${failed.length} of ${pages.length} pages could not be classified.`);

  return {
    documentType,
    confidence: scores?.get(documentType) ?? 0,
    scores,
    pagesDisagree,
    confidenceSource,
    reasoning: parts.join(" "),
  };
}
