import type { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import type { ConfidenceSource } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import type { PageHandle } from "@docproc/ingest";

/** One page's answer from a classify engine. */
export interface PageVerdict {
  /** The engine's answer for the page. */
  documentType: DocumentType;
  /**
   * A distribution over the 13 types summing to 1, or undefined when the
   * engine has none (confidenceSource NONE). Never invented.
   */
  scores: Map<DocumentType, number> | undefined;
  /** Where the scores come from. */
  confidenceSource: ConfidenceSource;
  /** A short explanation (model reasoning or the evidence found). */
  reasoning: string;
}

/**
 * The port every classify engine implements (Qwen2.5-VL over vLLM; OCR text
 * rules on CPU). Errors are thrown as ConnectError (Unavailable when the
 * model is unreachable, DeadlineExceeded/Canceled from the signal).
 */
export interface ClassifyEngine {
  /** "vlm" or "cpu". */
  readonly kind: "vlm" | "cpu";
  /** The model id reported in responses. */
  readonly modelId: string;
  /** Classifies one page. `prompt` is an optional custom instruction. */
  classifyPage(page: PageHandle, options: { prompt?: string }, signal: AbortSignal): Promise<PageVerdict>;
  /** True when the engine can serve. */
  ready(signal?: AbortSignal): Promise<boolean>;
  /** Releases workers and connections. */
  close(): Promise<void>;
}
