import { create } from "@bufbuild/protobuf";
import {
  LayoutCategory,
  LayoutElementSchema,
  NormalizedBoxSchema,
  PixelBoxSchema,
  TableCellSchema,
  TableRowSchema,
  TableSchema,
  type LayoutElement,
  type Table,
} from "@docproc/gen/docproc/v1/layout_pb.js";
import type { OcrBox } from "../types.js";
import type { DraftElement } from "./draft-element.js";
import type { TableRegion } from "./layout-types.js";
import { tableHtml } from "./table-html.js";
import { meanConfidence } from "./text-metrics.js";

/** How the OCR image relates to the original page: OCR pixels = original pixels × scale. */
export interface OcrFrame {
  originalWidth: number;
  originalHeight: number;
  scale: number;
}

/** The dots.ocr spelling of each category, for raw_category. */
const RAW_CATEGORY: Partial<Record<LayoutCategory, string>> = {
  [LayoutCategory.TEXT]: "Text",
  [LayoutCategory.TABLE]: "Table",
  [LayoutCategory.TITLE]: "Title",
  [LayoutCategory.SECTION_HEADER]: "Section-header",
  [LayoutCategory.PAGE_FOOTER]: "Page-footer",
};

function clamp(value: number, max: number): number {
  return Math.min(max, Math.max(0, value));
}

export function toLayoutElement(draft: DraftElement, frame: OcrFrame): LayoutElement {
  const px = toOriginalPixels(draft.bbox, frame);
  return create(LayoutElementSchema, {
    category: draft.category,
    rawCategory: RAW_CATEGORY[draft.category] ?? "Text",
    text: draft.table ? tableHtml(draft.table) : draft.lines.join("\n"),
    pixelBox: create(PixelBoxSchema, px),
    box: create(NormalizedBoxSchema, {
      xMin: px.xMin / frame.originalWidth,
      yMin: px.yMin / frame.originalHeight,
      xMax: px.xMax / frame.originalWidth,
      yMax: px.yMax / frame.originalHeight,
    }),
    table: draft.table ? tableMessage(draft.table) : undefined,
    confidence: meanConfidence(draft.words),
  });
}

/** An OCR-image box in original page pixels, clamped to the page. */
export function toOriginalPixels(box: OcrBox, frame: OcrFrame): { xMin: number; yMin: number; xMax: number; yMax: number } {
  const scale = frame.scale > 0 ? frame.scale : 1;
  return {
    xMin: clamp(Math.floor(box.x0 / scale), frame.originalWidth),
    yMin: clamp(Math.floor(box.y0 / scale), frame.originalHeight),
    xMax: clamp(Math.ceil(box.x1 / scale), frame.originalWidth),
    yMax: clamp(Math.ceil(box.y1 / scale), frame.originalHeight),
  };
}

function tableMessage(table: TableRegion): Table {
  return create(TableSchema, {
    rowCount: table.rows.length,
    columnCount: table.columnCount,
    rows: table.rows.map((row, rowIndex) =>
      create(TableRowSchema, {
        header: row.header,
        cells: row.cells.map((text, columnIndex) =>
          create(TableCellSchema, { rowIndex, columnIndex, rowSpan: 1, columnSpan: 1, text, header: row.header }),
        ),
      }),
    ),
  });
}
