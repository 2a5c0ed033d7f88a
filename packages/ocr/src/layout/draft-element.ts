import { LayoutCategory } from "@docproc/gen/docproc/v1/layout_pb.js";
import type { OcrBox, OcrWord } from "../types.js";
import type { TableRegion, TextBlock } from "./layout-types.js";
import { median } from "./text-metrics.js";

/** A layout element before it becomes a proto message: pixel box in OCR image pixels. */
export interface DraftElement {
  category: LayoutCategory;
  bbox: OcrBox;
  /** Text lines, top to bottom (one per segment); empty for tables. */
  lines: string[];
  table?: TableRegion;
  words: OcrWord[];
  /** Median font size of the lines (em, OCR pixels). */
  em: number;
}

export function draftFromBlock(block: TextBlock): DraftElement {
  return {
    category: LayoutCategory.TEXT,
    bbox: block.bbox,
    lines: block.segments.map((s) => s.text),
    words: block.segments.flatMap((s) => s.words),
    em: median(block.segments.map((s) => s.em)),
  };
}

export function draftFromTable(table: TableRegion): DraftElement {
  return {
    category: LayoutCategory.TABLE,
    bbox: table.bbox,
    lines: [],
    table,
    words: table.words,
    em: median(table.segments.map((s) => s.em)),
  };
}
