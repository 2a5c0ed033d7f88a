import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { ConnectError } from "@connectrpc/connect";
import type { Logger } from "@docproc/common";
import { type PageResult, PageResultSchema, PageStatus, PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { LayoutElement, NormalizedBox } from "@docproc/gen/docproc/v1/layout_pb.js";
import type { DecodedPage, PageHandle } from "@docproc/ingest";
import { type OcrEngine, type OcrFrame, type OcrPage, type PageSegmentation, layoutFromOcr } from "@docproc/ocr";
import { layoutMarkdown } from "../layout/layout-markdown.js";
import { abortReason } from "../vlm/model-server-error.js";
import { groundingElements, pageTextElements } from "./ocr-text-elements.js";
import { ocrSegmentation } from "./ocr-segmentation.js";

/**
 * The page image for OCR and how it relates to the decoded page (prepareForOcr's shape):
 * `scale` OCR pixels per page pixel, then an optional deskew turn of `rotationDeg` about the
 * centre; `lowResolution` pages are read as sparse text when they are full pages.
 */
export type PrepareForOcr = (
  page: DecodedPage,
) => Promise<{ png: Buffer; width: number; height: number; scale: number; rotationDeg?: number; lowResolution?: boolean }>;

export interface ReadCpuPageInput {
  page: PageHandle;
  /** LAYOUT_ALL, LAYOUT_ONLY, OCR or GROUNDING_OCR (UNSPECIFIED already resolved). */
  mode: PromptMode;
  groundingBox?: NormalizedBox;
}

function messageOf(error: unknown): string {
  return error instanceof ConnectError ? error.rawMessage : "unexpected error";
}

/** The elements and markdown a prompt mode asks for, from one OCR result. */
function outcome(ocr: OcrPage, frame: OcrFrame, input: ReadCpuPageInput): { elements: LayoutElement[]; markdown: string } {
  switch (input.mode) {
    case PromptMode.OCR: {
      const elements = pageTextElements(ocr, frame);
      return { elements, markdown: elements[0]?.text ?? "" };
    }
    case PromptMode.GROUNDING_OCR: {
      const elements = input.groundingBox ? groundingElements(ocr, input.groundingBox, frame) : [];
      return { elements, markdown: elements[0]?.text ?? "" };
    }
    case PromptMode.LAYOUT_ONLY: {
      const elements = layoutFromOcr(ocr, frame);
      for (const element of elements) {
        element.text = "";
        element.table = undefined;
      }
      return { elements, markdown: "" };
    }
    default: {
      const elements = layoutFromOcr(ocr, frame);
      return { elements, markdown: layoutMarkdown(elements) };
    }
  }
}

/**
 * One page on CPU: decode, greyscale (straighten a tilted page, restore a low-DPI scan), OCR,
 * layout from the words (boxes mapped back onto the decoded page). Never throws for a page
 * problem (the page comes back FAILED with the reason); throws only the caller's abort.
 */
export async function readCpuPage(
  ocr: OcrEngine,
  prepare: PrepareForOcr,
  input: ReadCpuPageInput,
  signal: AbortSignal,
  logger?: Logger,
): Promise<PageResult> {
  const pageIndex = input.page.index;
  const result = (init: MessageInitShape<typeof PageResultSchema>): PageResult =>
    create(PageResultSchema, { pageIndex, finishReason: "", ...init });
  if (signal.aborted) throw abortReason(signal, "extract");

  let png: Buffer;
  let frame: OcrFrame;
  let segmentation: PageSegmentation;
  try {
    const decoded = await input.page.decode(signal);
    const prepared = await prepare(decoded);
    png = prepared.png;
    frame = {
      originalWidth: decoded.width,
      originalHeight: decoded.height,
      scale: prepared.scale,
      rotationDeg: prepared.rotationDeg ?? 0,
      ocrWidth: prepared.width,
      ocrHeight: prepared.height,
    };
    segmentation = ocrSegmentation(prepared, decoded);
  } catch (error) {
    if (signal.aborted) throw abortReason(signal, "extract");
    logger?.warn({ pageIndex, err: messageOf(error) }, "page decode failed");
    return result({ status: PageStatus.FAILED, error: `page could not be decoded: ${messageOf(error)}`, attempts: 0 });
  }
  const size = { width: frame.originalWidth, height: frame.originalHeight };
  try {
    const startedMs = Date.now();
    const page = await ocr.recognize(png, signal, { segmentation });
    const { elements, markdown } = outcome(page, frame, input);
    logger?.debug(
      { pageIndex, lines: page.lines.length, elements: elements.length, rotationDeg: frame.rotationDeg, segmentation, ms: Date.now() - startedMs },
      "CPU OCR page read",
    );
    return result({ ...size, status: PageStatus.OK, error: "", elements, markdown, attempts: 1 });
  } catch (error) {
    if (signal.aborted) throw abortReason(signal, "extract");
    logger?.warn({ pageIndex, err: messageOf(error) }, "CPU OCR failed");
    return result({ ...size, status: PageStatus.FAILED, error: `OCR failed: ${messageOf(error)}`, attempts: 1 });
  }
}
