import { Code, ConnectError } from "@connectrpc/connect";
import type { Logger } from "@docproc/common";
import { ConfidenceSource } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { prepareForOcr, type PageHandle } from "@docproc/ingest";
import type { OcrEngine } from "@docproc/ocr";
import type { ClassifyEngine, PageVerdict } from "../engine.js";
import { classifyText } from "./text-evidence-classifier.js";

export interface CpuClassifyEngineOptions {
  /** The OCR pool; the engine takes ownership and closes it in close(). */
  ocr: OcrEngine;
  logger?: Logger;
}

/**
 * Classification without a GPU: CPU OCR of the page, then the text-evidence rules. The custom
 * `prompt` of a request has no meaning here and is ignored (the rules are fixed).
 */
export function createCpuClassifyEngine(options: CpuClassifyEngineOptions): ClassifyEngine {
  const { ocr, logger } = options;
  let closed = false;

  async function classifyPage(page: PageHandle, _request: { prompt?: string }, signal: AbortSignal): Promise<PageVerdict> {
    if (closed) throw new ConnectError("classify engine is shut down", Code.Unavailable);
    const decoded = await page.decode(signal);
    const prepared = await prepareForOcr(decoded);
    signal.throwIfAborted();
    const result = await ocr.recognize(prepared.png, signal);
    const text = result.text.trim();
    const classification = classifyText(text);
    logger?.debug({ page: page.index, lines: result.lines.length }, "page classified from OCR text");
    return {
      documentType: classification.documentType,
      scores: classification.scores,
      confidenceSource: ConfidenceSource.TEXT_EVIDENCE,
      reasoning: text === "" ? `OCR found no text on the page. ${classification.reasoning}` : classification.reasoning,
    };
  }

  return {
    kind: "cpu",
    modelId: `cpu:${ocr.id}`,
    classifyPage,
    async ready() {
      return !closed;
    },
    async close() {
      if (closed) return;
      closed = true;
      await ocr.close();
    },
  };
}
