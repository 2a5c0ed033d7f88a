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
import { type OcrFrame, toOriginalPixels } from "../ocr-frame.js";
import type { DraftElement } from "./draft-element.js";
import type { TableRegion } from "./layout-types.js";
import { tableHtml } from "./table-html.js";
import { meanConfidence } from "./text-metrics.js";

/** The dots.ocr spelling of each category, for raw_category. */
const RAW_CATEGORY: Partial<Record<LayoutCategory, string>> = {
  [LayoutCategory.TEXT]: "Text",
  [LayoutCategory.TABLE]: "Table",
  [LayoutCategory.TITLE]: "Title",
  [LayoutCategory.SECTION_HEADER]: "Section-header",
  [LayoutCategory.PAGE_FOOTER]: "Page-footer",
};

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
