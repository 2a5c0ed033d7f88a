import { create } from "@bufbuild/protobuf";
import {
  LayoutCategory,
  LayoutElementSchema,
  PixelBoxSchema,
  type LayoutElement,
  type NormalizedBox,
} from "@docproc/gen/docproc/v1/layout_pb.js";
import { type OcrFrame, type OcrPage, type OcrWord, toOriginalPixels, toOriginalPoint } from "@docproc/ocr";
import { toNormalizedBox } from "../layout/box-mapping.js";

type PagePixels = { xMin: number; yMin: number; xMax: number; yMax: number };

function textElement(text: string, box: PagePixels, words: readonly OcrWord[], frame: OcrFrame): LayoutElement {
  const pixelBox = create(PixelBoxSchema, box);
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
  return [textElement(text, toOriginalPixels(box, frame), words, frame)];
}

/**
 * PROMPT_MODE_GROUNDING_OCR: the words whose centre lies in the box (fractions of the
 * original page; word centres are mapped back onto the original page, so a deskewed page
 * is cut where the caller sees it), one line per OCR line, as one Text element over the box;
 * none when the box holds no word.
 */
export function groundingElements(page: OcrPage, box: NormalizedBox, frame: OcrFrame): LayoutElement[] {
  const pagePixels: PagePixels = {
    xMin: Math.floor(box.xMin * frame.originalWidth),
    yMin: Math.floor(box.yMin * frame.originalHeight),
    xMax: Math.ceil(box.xMax * frame.originalWidth),
    yMax: Math.ceil(box.yMax * frame.originalHeight),
  };
  const inside = (w: OcrWord): boolean => {
    const c = toOriginalPoint({ x: (w.bbox.x0 + w.bbox.x1) / 2, y: (w.bbox.y0 + w.bbox.y1) / 2 }, frame);
    return (
      c.x >= box.xMin * frame.originalWidth &&
      c.x <= box.xMax * frame.originalWidth &&
      c.y >= box.yMin * frame.originalHeight &&
      c.y <= box.yMax * frame.originalHeight
    );
  };
  const lines = page.lines.map((l) => l.words.filter(inside)).filter((ws) => ws.length > 0);
  if (lines.length === 0) return [];
  const text = lines.map((ws) => ws.map((w) => w.text).join(" ")).join("\n");
  return [textElement(text, pagePixels, lines.flat(), frame)];
}
