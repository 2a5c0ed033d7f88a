import { create } from "@bufbuild/protobuf";
import { LayoutCategory, type LayoutElement, LayoutElementSchema } from "@docproc/gen/docproc/v1/layout_pb.js";
import { type BoxTuple, type ModelFrame, toNormalizedBox, toOriginalPixelBox } from "./box-mapping.js";
import { parseTableHtml } from "./table-html.js";

/** dots.ocr's category names (prompt_layout_all_en) to the proto enum. */
const CATEGORIES: Readonly<Record<string, LayoutCategory>> = {
  Caption: LayoutCategory.CAPTION,
  Footnote: LayoutCategory.FOOTNOTE,
  Formula: LayoutCategory.FORMULA,
  "List-item": LayoutCategory.LIST_ITEM,
  "Page-footer": LayoutCategory.PAGE_FOOTER,
  "Page-header": LayoutCategory.PAGE_HEADER,
  Picture: LayoutCategory.PICTURE,
  "Section-header": LayoutCategory.SECTION_HEADER,
  Table: LayoutCategory.TABLE,
  Text: LayoutCategory.TEXT,
  Title: LayoutCategory.TITLE,
};

/** The proto category of a dots.ocr category name; anything else is OTHER. */
export function layoutCategoryOf(category: string): LayoutCategory {
  return Object.hasOwn(CATEGORIES, category) ? (CATEGORIES[category] as LayoutCategory) : LayoutCategory.OTHER;
}

/** One element in model-frame coordinates, as the output parser returns it. */
export interface FrameElement {
  bbox: BoxTuple;
  category: string;
  text?: string;
}

export interface ToLayoutOptions {
  /** False for layout-only mode: text is dropped even if the model gave some. */
  withText: boolean;
}

/**
 * Converts parsed dots.ocr elements to proto LayoutElements: category (raw
 * name kept), text, the box in original page pixels and as page fractions,
 * and the parsed table for Table elements. dots.ocr gives no confidence, so
 * it stays 0.
 */
export function toLayoutElements(elements: readonly FrameElement[], frame: ModelFrame, options: ToLayoutOptions): LayoutElement[] {
  return elements.map((element) => {
    const category = layoutCategoryOf(element.category);
    const text = options.withText && category !== LayoutCategory.PICTURE ? (element.text ?? "") : "";
    const pixelBox = toOriginalPixelBox(element.bbox, frame);
    return create(LayoutElementSchema, {
      category,
      rawCategory: element.category,
      text,
      pixelBox,
      box: toNormalizedBox(pixelBox, frame.originalWidth, frame.originalHeight),
      ...(category === LayoutCategory.TABLE && text ? { table: parseTableHtml(text) } : {}),
    });
  });
}
