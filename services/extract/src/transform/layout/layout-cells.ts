import { create } from "@bufbuild/protobuf";
import { type PageResult, PageStatus } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { LayoutCategory, type NormalizedBox, NormalizedBoxSchema, type Table } from "@docproc/gen/docproc/v1/layout_pb.js";
import type { SourceRef } from "../../fields/field-meta.js";
import { parseTableHtml } from "../../layout/table-html.js";

/** Where a table cell sits in its table's grid. */
export interface GridPosition {
  /** Identifies the table (page and element). */
  tableId: string;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/** One line of a cell's text, with its offsets in the cell text. */
export interface CellLine {
  text: string;
  start: number;
  end: number;
}

/**
 * The unit the transformers read: one text element, or one cell of a table
 * element. Text is cleaned (Markdown heading marks and bold stripped, spaces
 * collapsed per line, blank lines kept as "" lines because dots.ocr separates
 * a box's label from its value with one).
 */
export interface LayoutCell {
  /** Position in reading order across the document. */
  index: number;
  pageIndex: number;
  category: LayoutCategory;
  text: string;
  lines: CellLine[];
  /** The element's box, or for a table cell an estimate from the grid. */
  box?: NormalizedBox;
  /** The engine's confidence in the text, when it gave one. */
  confidence?: number;
  grid?: GridPosition;
}

/** The provenance of a value read from a cell. */
export function sourceOf(cell: LayoutCell): SourceRef {
  const ref: SourceRef = { pageIndex: cell.pageIndex };
  if (cell.box) ref.box = cell.box;
  if (cell.confidence !== undefined) ref.confidence = cell.confidence;
  return ref;
}

const ENTITIES: Readonly<Record<string, string>> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&apos;": "'",
  "&nbsp;": " ",
};

/** Decodes the few HTML entities models emit in Markdown text (one pass: "&amp;lt;" stays "&lt;"). */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39|apos|nbsp);/g, (e) => ENTITIES[e] ?? e);
}

/** Strips Markdown emphasis and heading marks, decodes the few entities models emit, collapses spaces per line. */
export function cleanCellText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => {
      const plain = line
        .replace(/^\s{0,3}#{1,6}\s+/, "")
        .replace(/^\*\*(.+)\*\*$/, "$1")
        .replace(/(^|\s)\*\*([^*\n]*[A-Za-z][^*\n]*)\*\*(?=\s|$|[.,:;])/g, "$1$2");
      return decodeEntities(plain).replace(/[ \t\u00a0]+/g, " ").trim();
    })
    .join("\n")
    .replace(/^\n+|\n+$/g, "");
}

function splitLines(text: string): CellLine[] {
  const lines: CellLine[] = [];
  let start = 0;
  for (const part of text.split("\n")) {
    lines.push({ text: part, start, end: start + part.length });
    start += part.length + 1;
  }
  return lines;
}

/**
 * Flattens the pages into cells in reading order. Failed pages and pictures
 * are skipped; an element repeated byte for byte right after itself (a model
 * repetition loop) is kept once.
 */
export function layoutCells(pages: readonly PageResult[]): LayoutCell[] {
  const cells: LayoutCell[] = [];
  const push = (cell: Omit<LayoutCell, "index" | "lines">): void => {
    cells.push({ ...cell, index: cells.length, lines: splitLines(cell.text) });
  };
  for (const page of pages) {
    if (page.status === PageStatus.FAILED) continue;
    let previous = "";
    page.elements.forEach((element, elementIndex) => {
      if (element.category === LayoutCategory.PICTURE) return;
      const signature = `${element.category}|${element.text}|${element.box?.xMin}|${element.box?.yMin}`;
      if (signature === previous) return;
      previous = signature;
      const confidence = element.confidence > 0 ? element.confidence : undefined;
      const base = { pageIndex: page.pageIndex, category: element.category, ...(confidence ? { confidence } : {}) };
      // A table the engine left unparsed (HTML text only) is parsed here.
      const table = element.table?.rows.length ? element.table : /<t[dh][\s>]/i.test(element.text) ? parseTableHtml(element.text) : undefined;
      if (table && table.rows.length > 0) {
        for (const cell of tableCells(table, `${page.pageIndex}:${elementIndex}`, element.box)) push({ ...base, ...cell });
        return;
      }
      const text = cleanCellText(element.text);
      if (text) push({ ...base, text, ...(element.box ? { box: element.box } : {}) });
    });
  }
  return cells;
}

/** Table cells in row-major order, each with a box estimated by splitting the table's box evenly. */
function tableCells(table: Table, tableId: string, box: NormalizedBox | undefined): Array<Pick<LayoutCell, "text" | "box" | "grid">> {
  const rowCount = Math.max(table.rowCount, table.rows.length, 1);
  const colCount = Math.max(table.columnCount, 1);
  const out: Array<Pick<LayoutCell, "text" | "box" | "grid">> = [];
  for (const row of table.rows) {
    for (const c of row.cells) {
      const grid: GridPosition = { tableId, row: c.rowIndex, col: c.columnIndex, rowSpan: Math.max(1, c.rowSpan), colSpan: Math.max(1, c.columnSpan) };
      const cellBox = box && estimateCellBox(box, grid, rowCount, colCount);
      out.push({ text: cleanCellText(c.text), grid, ...(cellBox ? { box: cellBox } : {}) });
    }
  }
  return out;
}

function estimateCellBox(box: NormalizedBox, g: GridPosition, rows: number, cols: number): NormalizedBox {
  const w = box.xMax - box.xMin;
  const h = box.yMax - box.yMin;
  return create(NormalizedBoxSchema, {
    xMin: box.xMin + (w * g.col) / cols,
    xMax: box.xMin + (w * Math.min(cols, g.col + g.colSpan)) / cols,
    yMin: box.yMin + (h * g.row) / rows,
    yMax: box.yMin + (h * Math.min(rows, g.row + g.rowSpan)) / rows,
  });
}
