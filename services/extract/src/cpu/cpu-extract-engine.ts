import { Code, ConnectError } from "@connectrpc/connect";
import type { Logger } from "@docproc/common";
import { PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { prepareForOcr } from "@docproc/ingest";
import type { OcrEngine } from "@docproc/ocr";
import type { ExtractEngine, ReadPagesInput } from "../engine.js";
import { createLimiter } from "../vlm/limit-concurrency.js";
import { abortReason } from "../vlm/model-server-error.js";
import { type PrepareForOcr, readCpuPage } from "./read-cpu-page.js";

export interface CpuExtractEngineOptions {
  ocr: OcrEngine;
  /** Pages in OCR at once across all calls; defaults to the OCR pool size (more would only queue). */
  pageConcurrency?: number;
  logger?: Logger;
  /** Defaults to @docproc/ingest prepareForOcr (tests may pass their own). */
  prepare?: PrepareForOcr;
}

function validGroundingBox(input: ReadPagesInput): boolean {
  const b = input.groundingBox;
  if (!b) return false;
  const inRange = [b.xMin, b.yMin, b.xMax, b.yMax].every((v) => Number.isFinite(v) && v >= 0 && v <= 1);
  return inRange && b.xMax > b.xMin && b.yMax > b.yMin;
}

/**
 * The CPU extract engine: Tesseract (CLI or tesseract.js) words turned into dots.ocr-style
 * layout, so the same transformers read it. Warms the OCR pool up at creation; ready() is
 * true once that is done. Pages of all calls share one limiter; a page's failure is its own
 * PageResult, only the caller's abort ends the call.
 */
export function createCpuExtractEngine(options: CpuExtractEngineOptions): ExtractEngine {
  const { ocr, logger } = options;
  const prepare = options.prepare ?? prepareForOcr;
  const limit = createLimiter(options.pageConcurrency ?? ocr.workers);
  let warmed = false;
  let warming: Promise<void> | undefined;

  const warm = (): void => {
    warming ??= ocr.warmup().then(
      () => {
        warmed = true;
        logger?.info({ engine: ocr.id, workers: ocr.workers }, "CPU OCR warmed up");
      },
      (error: unknown) => {
        warming = undefined; // try again on the next ready()
        logger?.error({ err: error instanceof ConnectError ? error.rawMessage : String(error) }, "CPU OCR warm-up failed");
      },
    );
  };
  warm();

  return {
    kind: "cpu",
    modelId: `cpu:${ocr.id}`,

    async readPages(input, signal) {
      if (signal.aborted) throw abortReason(signal, "extract");
      const mode = input.promptMode === PromptMode.UNSPECIFIED ? PromptMode.LAYOUT_ALL : input.promptMode;
      if (mode === PromptMode.GROUNDING_OCR && !validGroundingBox(input)) {
        throw new ConnectError("grounding_box must be a non-empty box within 0..1 for PROMPT_MODE_GROUNDING_OCR", Code.InvalidArgument);
      }
      const groundingBox = mode === PromptMode.GROUNDING_OCR ? input.groundingBox : undefined;
      return Promise.all(
        input.pages.map((page) =>
          limit(() => readCpuPage(ocr, prepare, groundingBox ? { page, mode, groundingBox } : { page, mode }, signal, logger)),
        ),
      );
    },

    async ready() {
      if (!warmed) warm();
      return warmed;
    },

    close() {
      return ocr.close();
    },
  };
}
