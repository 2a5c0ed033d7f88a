import { LayoutCategory, type LayoutElement, type NormalizedBox } from "@docproc/gen/docproc/v1/layout_pb.js";
import { type PageResult, PageStatus } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { type Grid, gridFromMarkdown, gridOf } from "./table-grid.js";
import { textLines } from "./text-clean.js";

/** A box as fractions of the page. */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One layout element, cleaned. */
export interface DocBlock {
  page: number;
  category: LayoutCategory;
  rect: Rect;
  /** The element's box as given, for FieldMeta. */
  box: NormalizedBox | undefined;
  /** The engine's confidence, 0 when it gave none. */
  confidence: number;
  lines: DocLine[];
  grid?: Grid;
}

/**
 * One line of text: a line of a text element or a row of a table (cells joined
 * with " | "). Line boxes inside an element are estimated by splitting the
 * element's height evenly, which is enough for "same row" / "just below" tests.
 */
export interface DocLine {
  block: DocBlock;
  text: string;
  /** Cell texts for a table row. */
  cells?: string[];
  /** Row index in the block's grid. */
  row?: number;
  header?: boolean;
  fullSpan?: boolean;
  rect: Rect;
  /** Position in document order. */
  seq: number;
  indexInBlock: number;
}

/** The pages' layout as blocks and lines in reading order. */
export interface LayoutDoc {
  blocks: DocBlock[];
  lines: DocLine[];
}

/** Joins table cells the way every finder expects them. */
export const CELL_SEPARATOR = " | ";

/** Builds the document model; failed pages are skipped and exact repeats of an element dropped. */
export function buildLayoutDoc(pages: readonly PageResult[]): LayoutDoc {
  const doc: LayoutDoc = { blocks: [], lines: [] };
  for (const page of pages) {
    if (page.status === PageStatus.FAILED) continue;
    const seen = new Set<string>();
    for (const element of page.elements) {
      const rect = rectOf(element, page);
      const key = `${element.category}|${element.text}|${rect.x0.toFixed(3)},${rect.y0.toFixed(3)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      doc.blocks.push(blockOf(element, page.pageIndex, rect, doc));
    }
  }
  return doc;
}

function blockOf(element: LayoutElement, page: number, rect: Rect, doc: LayoutDoc): DocBlock {
  const block: DocBlock = {
    page,
    category: element.category,
    rect,
    box: element.box,
    confidence: element.confidence,
    lines: [],
  };
  const isTable = element.category === LayoutCategory.TABLE || /^\s*<table/i.test(element.text);
  const markdownGrid = isTable ? undefined : gridFromMarkdown(element.text.split(/\r?\n/));
  if (isTable || markdownGrid) {
    const grid = markdownGrid ?? gridOf(element.table, element.text);
    block.grid = grid;
    grid.rows.forEach((row, index) => {
      const text = row.cells.filter((c) => c.length > 0).join(CELL_SEPARATOR);
      if (!text) return;
      addLine(doc, block, text, index, grid.rows.length, {
        cells: row.cells,
        row: index,
        header: row.header,
        fullSpan: row.fullSpan,
      });
    });
  } else {
    const lines = textLines(element.text);
    lines.forEach((text, index) => addLine(doc, block, text, index, lines.length, {}));
  }
  return block;
}

function addLine(doc: LayoutDoc, block: DocBlock, text: string, index: number, count: number, extra: Partial<DocLine>): void {
  const h = (block.rect.y1 - block.rect.y0) / Math.max(1, count);
  const rect = { x0: block.rect.x0, x1: block.rect.x1, y0: block.rect.y0 + h * index, y1: block.rect.y0 + h * (index + 1) };
  const line: DocLine = { block, text, rect, seq: doc.lines.length, indexInBlock: block.lines.length, ...extra };
  block.lines.push(line);
  doc.lines.push(line);
}

function rectOf(element: LayoutElement, page: PageResult): Rect {
  const b = element.box;
  if (b && (b.xMax > 0 || b.yMax > 0)) return { x0: b.xMin, y0: b.yMin, x1: b.xMax, y1: b.yMax };
  const p = element.pixelBox;
  const w = page.width || 1;
  const h = page.height || 1;
  if (p) return { x0: p.xMin / w, y0: p.yMin / h, x1: p.xMax / w, y1: p.yMax / h };
  return { x0: 0, y0: 0, x1: 0, y1: 0 };
}

/** The lines of one page. */
export function pageLines(doc: LayoutDoc, page: number): DocLine[] {
  return doc.lines.filter((l) => l.block.page === page);
}

/** The first page index that has content (0 when none). */
export function firstPage(doc: LayoutDoc): number {
  return doc.blocks[0]?.page ?? 0;
}

/** The line's height as a fraction of the page: a font-size proxy. */
export function lineHeight(line: DocLine): number {
  return line.rect.y1 - line.rect.y0;
}

/** True for table rows. */
export function isTableLine(line: DocLine): boolean {
  return line.cells !== undefined;
}
