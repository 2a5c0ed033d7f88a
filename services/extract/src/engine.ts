import type { NormalizedBox } from "@docproc/gen/docproc/v1/layout_pb.js";
import type { PageResult, PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { PageHandle } from "@docproc/ingest";

/** What an extract engine is asked to read. */
export interface ReadPagesInput {
  /** The pages to read, in order; decode each lazily and release it when done. */
  pages: PageHandle[];
  /** The prompt mode (UNSPECIFIED means LAYOUT_ALL). */
  promptMode: PromptMode;
  /** The box for PROMPT_MODE_GROUNDING_OCR, as fractions of the page. */
  groundingBox?: NormalizedBox;
}

/**
 * The port every extract engine implements (dots.ocr over vLLM, tesseract.js
 * on CPU). An engine turns pages into layout: one PageResult per input page,
 * in order, each with a status — a failed page is a PageResult with
 * PAGE_STATUS_FAILED and an error, never a thrown error, unless the whole call
 * is cancelled (then it throws the signal's reason as a ConnectError).
 * Element text is NOT masked by engines; the handler masks identifiers.
 */
export interface ExtractEngine {
  /** "vlm" or "cpu". */
  readonly kind: "vlm" | "cpu";
  /** The model id reported in responses, e.g. "rednote-hilab/dots.ocr". */
  readonly modelId: string;
  /** Reads the pages; honours the signal on every page. */
  readPages(input: ReadPagesInput, signal: AbortSignal): Promise<PageResult[]>;
  /** True when the engine can serve (model reachable / workers warmed). */
  ready(signal?: AbortSignal): Promise<boolean>;
  /** Releases workers and connections. */
  close(): Promise<void>;
}
