import type { LayoutElement } from "@docproc/gen/docproc/v1/layout_pb.js";
import type { OcrPage } from "../types.js";
import { assignCategories } from "./assign-categories.js";
import { buildSegments } from "./build-segments.js";
import { detectTables } from "./detect-tables.js";
import { draftFromBlock, draftFromTable } from "./draft-element.js";
import type { Segment } from "./layout-types.js";
import { orderElements } from "./order-elements.js";
import { stackTextBlocks } from "./stack-text-blocks.js";
import { median } from "./text-metrics.js";
import type { OcrFrame } from "../ocr-frame.js";
import { toLayoutElement } from "./to-layout-element.js";

/**
 * Turns OCR words into dots.ocr-style layout elements so the same transformers read CPU and
 * VLM output: Tables (aligned columns with a numeric column: statement transactions, invoice
 * line items, receipt items, key/value grids) with cells and an HTML `text`; Text blocks of
 * stacked lines (a form box's label with its value under it, an address, a paragraph);
 * Title / Section-header by size and position; Page-footer at the bottom. Elements come in
 * reading order with boxes in original page pixels (mapped back through the frame's scale and
 * deskew turn; rows are found in the straightened OCR image).
 */
export function layoutFromOcr(page: OcrPage, frame: OcrFrame): LayoutElement[] {
  const segments = buildSegments(page.lines);
  if (segments.length === 0) return [];
  const { tables, rest } = detectTables(segments);
  const drafts = [...tables.map(draftFromTable), ...stackTextBlocks(rest).map(draftFromBlock)];
  assignCategories(drafts, page, bodyEm(segments));
  return orderElements(drafts).map((draft) => toLayoutElement(draft, frame));
}

/** The font size most words on the page are set in. */
function bodyEm(segments: readonly Segment[]): number {
  return median(segments.flatMap((s) => s.words.map(() => s.em)));
}
