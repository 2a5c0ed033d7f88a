import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { ConnectError } from "@connectrpc/connect";
import type { Logger } from "@docproc/common";
import { type PageResult, PageResultSchema, PageStatus, PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { LayoutCategory, LayoutElementSchema, type NormalizedBox } from "@docproc/gen/docproc/v1/layout_pb.js";
import { type PageHandle, prepareForDotsOcr } from "@docproc/ingest";
import { type BoxTuple, type ModelFrame, toModelInputBox, toNormalizedBox, toOriginalPixelBox } from "../layout/box-mapping.js";
import { layoutMarkdown } from "../layout/layout-markdown.js";
import { toLayoutElements } from "../layout/to-layout-elements.js";
import { isDotsOcrOutputError } from "./dots-element.js";
import type { DotsOcrCompletion } from "./dots-ocr-client.js";
import { dotsOcrPrompt, type EffectivePromptMode } from "./dots-ocr-prompts.js";
import { abortReason } from "./model-server-error.js";
import { parseDotsOcrOutput } from "./output-cleaner.js";
import type { CompletePage } from "./page-completer.js";

/** A page's model call is repeated once when the output is unusable (transport retries are the completer's). */
const MAX_OUTPUT_ATTEMPTS = 2;

export interface ReadDotsPageInput {
  page: PageHandle;
  mode: EffectivePromptMode;
  groundingBox?: NormalizedBox;
}

type PageOutcome = Pick<PageResult, "status" | "error" | "elements" | "markdown">;

function messageOf(error: unknown): string {
  return error instanceof ConnectError ? error.message : "unexpected error";
}

/** OCR and grounding answers are plain text: one Text element over the page or the grounding box. */
function textOutcome(completion: DotsOcrCompletion, frame: ModelFrame, box: BoxTuple): PageOutcome {
  const text = completion.content.trim();
  const pixelBox = toOriginalPixelBox(box, frame);
  const elements = text
    ? [create(LayoutElementSchema, {
        category: LayoutCategory.TEXT,
        text,
        pixelBox,
        box: toNormalizedBox(pixelBox, frame.originalWidth, frame.originalHeight),
      })]
    : [];
  const cut = completion.finishReason === "length";
  return {
    status: cut ? PageStatus.REPAIRED : PageStatus.OK,
    error: cut ? "repaired: output cut off at the token limit" : "",
    elements,
    markdown: text,
  };
}

/** Layout answers: parsed, repaired if needed, mapped to original pixels. Throws the output error for a retry. */
function layoutOutcome(completion: DotsOcrCompletion, frame: ModelFrame, mode: EffectivePromptMode): PageOutcome {
  const parsed = parseDotsOcrOutput(completion.content, completion.finishReason);
  const withText = mode === PromptMode.LAYOUT_ALL;
  const elements = toLayoutElements(parsed.elements, frame, { withText });
  return {
    status: parsed.repaired ? PageStatus.REPAIRED : PageStatus.OK,
    error: parsed.repaired ? `repaired: ${parsed.problems.join("; ")}` : "",
    elements,
    markdown: withText ? layoutMarkdown(elements) : "",
  };
}

/**
 * One page through dots.ocr: decode, bring into the model frame, one
 * request (repeated by `complete` on transient failures), parse. Never
 * throws for a page problem (the page comes back FAILED); throws only the
 * caller's abort. `attempts` counts every request sent for the page.
 */
export async function readDotsPage(
  complete: CompletePage,
  input: ReadDotsPageInput,
  signal: AbortSignal,
  logger?: Logger,
): Promise<PageResult> {
  const pageIndex = input.page.index;
  const result = (outcome: MessageInitShape<typeof PageResultSchema>): PageResult => create(PageResultSchema, { pageIndex, ...outcome });
  if (signal.aborted) throw abortReason(signal, "extract");

  // The decoded page lives only inside this block; afterwards only the
  // model-frame PNG is held, until this function returns.
  let png: Buffer;
  let frame: ModelFrame;
  try {
    const prepared = await prepareForDotsOcr(await input.page.decode(signal));
    png = prepared.png;
    frame = { width: prepared.width, height: prepared.height, originalWidth: prepared.originalWidth, originalHeight: prepared.originalHeight };
  } catch (error) {
    if (signal.aborted) throw abortReason(signal, "extract");
    logger?.warn({ pageIndex, err: messageOf(error) }, "page decode failed");
    return result({ status: PageStatus.FAILED, error: `page could not be decoded: ${messageOf(error)}` });
  }
  const size = { width: frame.originalWidth, height: frame.originalHeight };
  const modelBox: BoxTuple =
    input.mode === PromptMode.GROUNDING_OCR && input.groundingBox
      ? toModelInputBox(input.groundingBox, frame)
      : [0, 0, frame.width, frame.height];
  const prompt = dotsOcrPrompt(input.mode, modelBox);

  let attempts = 0;
  let lastProblem = "";
  let finishReason = "";
  for (let outputAttempt = 1; outputAttempt <= MAX_OUTPUT_ATTEMPTS; outputAttempt += 1) {
    const startedMs = Date.now();
    let completion: DotsOcrCompletion;
    try {
      completion = await complete({ png, prompt, pageIndex }, signal, () => void (attempts += 1));
    } catch (error) {
      if (signal.aborted) throw abortReason(signal, "extract");
      logger?.warn({ pageIndex, attempts, err: messageOf(error) }, "dots.ocr request failed");
      return result({ ...size, status: PageStatus.FAILED, error: messageOf(error), attempts });
    }
    finishReason = completion.finishReason;
    logger?.debug(
      { pageIndex, attempts, finishReason, promptTokens: completion.promptTokens, completionTokens: completion.completionTokens, ms: Date.now() - startedMs },
      "dots.ocr page answered",
    );
    try {
      const outcome =
        input.mode === PromptMode.OCR || input.mode === PromptMode.GROUNDING_OCR
          ? textOutcome(completion, frame, modelBox)
          : layoutOutcome(completion, frame, input.mode);
      return result({ ...size, ...outcome, finishReason, attempts });
    } catch (error) {
      if (!isDotsOcrOutputError(error)) {
        logger?.error({ pageIndex, err: messageOf(error) }, "dots.ocr output handling failed");
        return result({ ...size, status: PageStatus.FAILED, error: "internal error while reading the model output", finishReason, attempts });
      }
      lastProblem = error instanceof ConnectError ? error.rawMessage : "unusable output";
      logger?.warn({ pageIndex, attempts, finishReason }, "dots.ocr output unusable");
    }
  }
  return result({ ...size, status: PageStatus.FAILED, error: `${lastProblem} (after ${attempts} attempts)`, finishReason, attempts });
}
