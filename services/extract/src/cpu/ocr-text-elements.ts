import { create } from "@bufbuild/protobuf";
import {
  LayoutCategory,
  LayoutElementSchema,
  PixelBoxSchema,
  type LayoutElement,
  type NormalizedBox,
} from "@docproc/gen/docproc/v1/layout_pb.js";
import { type OcrBox, type OcrFrame, type OcrPage, type OcrWord, toOriginalPixels } from "@docproc/ocr";
import { toNormalizedBox } from "../layout/box-mapping.js";

function textElement(text: string, box: OcrBox, words: readonly OcrWord[], frame: OcrFrame): LayoutElement {
  const pixelBox = create(PixelBoxSchema, toOriginalPixels(box, frame));
  return create(LayoutElementSchema, {
    category: LayoutCategory.TEXT,
    rawCategory: "Text",
    text,
    pixelBox,
    box: toNormalizedBox(pixelBox, frame.originalWidth, frame.originalHeight),
    confidence: words.length > 0 ? words.reduce((sum, w) => sum + w.confidence, 0) / words.length : 0,
  });
}

/** PROMPT_MODE_OCR: the page's text as one Text element over all its words; none for a blank page. */
export function pageTextElements(page: OcrPage, frame: OcrFrame): LayoutElement[] {
  const words = page.lines.flatMap((l) => l.words);
  const text = page.text.trim();
  if (!text || words.length === 0) return [];
  const box = {
    x0: Math.min(...words.map((w) => w.bbox.x0)),
    y0: Math.min(...words.map((w) => w.bbox.y0)),
    x1: Math.max(...words.map((w) => w.bbox.x1)),
    y1: Math.max(...words.map((w) => w.bbox.y1)),
  };
  return [textElement(text, box, words, frame)];
}

/**
 * PROMPT_MODE_GROUNDING_OCR: the words whose centre lies in the box (fractions of the
 * original page), one line per OCR line, as one Text element over the box; none when the
 * box holds no word.
 */
export function groundingElements(page: OcrPage, box: NormalizedBox, frame: OcrFrame): LayoutElement[] {
  const ocrBox: OcrBox = {
    x0: box.xMin * frame.originalWidth * frame.scale,
    y0: box.yMin * frame.originalHeight * frame.scale,
    x1: box.xMax * frame.originalWidth * frame.scale,
    y1: box.yMax * frame.originalHeight * frame.scale,
  };
  const inside = (w: OcrWord): boolean => {
    const cx = (w.bbox.x0 + w.bbox.x1) / 2;
    const cy = (w.bbox.y0 + w.bbox.y1) / 2;
    return cx >= ocrBox.x0 && cx <= ocrBox.x1 && cy >= ocrBox.y0 && cy <= ocrBox.y1;
  };
  const lines = page.lines.map((l) => l.words.filter(inside)).filter((ws) => ws.length > 0);
  if (lines.length === 0) return [];
  const text = lines.map((ws) => ws.map((w) => w.text).join(" ")).join("\n");
  return [textElement(text, ocrBox, lines.flat(), frame)];
}
