import { create } from "@bufbuild/protobuf";
import { type PageResult, PageResultSchema, PageStatus } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import {
  LayoutCategory,
  type LayoutElement,
  LayoutElementSchema,
  NormalizedBoxSchema,
  TableCellSchema,
  TableRowSchema,
  TableSchema,
} from "@docproc/gen/docproc/v1/layout_pb.js";

/** A box as page fractions [x0, y0, x1, y1]. */
export type Box = [number, number, number, number];

const nbox = ([xMin, yMin, xMax, yMax]: Box) => create(NormalizedBoxSchema, { xMin, yMin, xMax, yMax });

/** A text element (Markdown text, as engines give it). */
export function text(value: string, box: Box, options: { category?: LayoutCategory; confidence?: number } = {}): LayoutElement {
  return create(LayoutElementSchema, {
    category: options.category ?? LayoutCategory.TEXT,
    text: value,
    box: nbox(box),
    confidence: options.confidence ?? 0,
  });
}

/** A table element from rows of cell texts (each cell one column; "" for an empty cell). */
export function table(rows: string[][], box: Box, options: { header?: boolean } = {}): LayoutElement {
  const columnCount = Math.max(...rows.map((r) => r.length));
  const tableRows = rows.map((cells, r) =>
    create(TableRowSchema, {
      header: options.header === true && r === 0,
      cells: cells.map((t, c) => create(TableCellSchema, { rowIndex: r, columnIndex: c, rowSpan: 1, columnSpan: 1, text: t, header: options.header === true && r === 0 })),
    }),
  );
  const html = `<table>${rows.map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</table>`;
  return create(LayoutElementSchema, {
    category: LayoutCategory.TABLE,
    text: html,
    box: nbox(box),
    table: create(TableSchema, { rows: tableRows, rowCount: rows.length, columnCount }),
  });
}

/** A read page holding the elements. */
export function page(elements: LayoutElement[], pageIndex = 0): PageResult {
  return create(PageResultSchema, { pageIndex, status: PageStatus.OK, width: 1700, height: 2200, elements });
}

/**
 * Elements laid out like an OCR engine reads a form: one element per printed
 * line, each at its row and column (rows 0.03 apart from the top, columns
 * given as x ranges).
 */
export function grid(rows: Array<Array<[string, number, number] | undefined>>, top = 0.05, rowHeight = 0.03): LayoutElement[] {
  return rows.flatMap((cols, r) =>
    cols.flatMap((col) => (col ? [text(col[0], [col[1], top + r * rowHeight, col[2], top + r * rowHeight + rowHeight * 0.6])] : [])),
  );
}
