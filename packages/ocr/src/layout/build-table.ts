import { unionBox } from "../build-ocr-page.js";
import type { OcrWord } from "../types.js";
import { isHeaderLike, ROW_GAP_EM } from "./find-table-runs.js";
import type { Row, Segment, TableRegion } from "./layout-types.js";
import { centerX, isNumericLike, meanConfidence } from "./text-metrics.js";

export interface Band {
  x0: number;
  x1: number;
}

/** A table needs this many rows, header included ("≥3 consecutive lines"). */
const MIN_ROWS = 3;
/** Share of body rows that must hold a numeric cell, and of a column's cells to call it numeric. */
const NUMERIC_ROW_SHARE = 0.6;
const NUMERIC_COLUMN_SHARE = 0.6;

/** Cells read with less mean confidence than this do not shape the columns. */
const MIN_BAND_CONFIDENCE = 0.5;

/**
 * Column bands: the x-intervals of the cells of multi-cell rows, merged where they overlap.
 * A gap between bands is a gutter no row writes into.
 */
export function columnBands(rows: readonly Row[]): Band[] {
  const intervals = rows
    .filter((r) => r.segments.length >= 2)
    // A low-confidence smear (small print Tesseract could not read) would bridge columns.
    .flatMap((r) => r.segments.filter((s) => meanConfidence(s.words) >= MIN_BAND_CONFIDENCE))
    .map((s) => ({ x0: s.bbox.x0, x1: s.bbox.x1 }))
    .sort((a, b) => a.x0 - b.x0);
  const bands: Band[] = [];
  for (const interval of intervals) {
    const last = bands[bands.length - 1];
    if (last && interval.x0 < last.x1) last.x1 = Math.max(last.x1, interval.x1);
    else bands.push({ ...interval });
  }
  return bands;
}

export function nearestBand(bands: readonly Band[], x: number): number {
  let best = 0;
  let bestDistance = Infinity;
  bands.forEach((band, index) => {
    const distance = x < band.x0 ? band.x0 - x : x > band.x1 ? x - band.x1 : 0;
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}

/** The words of a row distributed over the bands, by word centre. */
function cellsOfRow(row: Row, bands: readonly Band[]): { texts: string[]; words: OcrWord[] } {
  const buckets: string[][] = bands.map(() => []);
  const words = row.segments.flatMap((s) => s.words).sort((a, b) => a.bbox.x0 - b.bbox.x0);
  for (const word of words) buckets[nearestBand(bands, centerX(word.bbox))]?.push(word.text.trim());
  return { texts: buckets.map((b) => b.join(" ")), words };
}

/**
 * Builds a table from a run of rows (header, if any, first). Cells are filled word by word
 * so a phrase Tesseract glued across a narrow gutter still splits into its columns; a header
 * cell goes whole to the column nearest its centre. Returns undefined when the rows do not
 * make a table: fewer than two columns, fewer than three rows (except labels over one row of
 * three or more amounts), or no column of numbers (two stacked addresses align as neatly as
 * a ledger, but only the ledger has amounts).
 */
export function buildTable(run: readonly Row[], header: Row | undefined): TableRegion | undefined {
  const body = header ? run.filter((r) => r !== header) : [...run];
  const bands = columnBands(body);
  if (bands.length < 2 || body.length === 0) return undefined;

  const rows: TableRegion["rows"] = [];
  const words: OcrWord[] = [];
  if (header) {
    const cells = bands.map((): string[] => []);
    for (const segment of header.segments) cells[nearestBand(bands, centerX(segment.bbox))]?.push(segment.text);
    rows.push({ cells: cells.map((c) => c.join(" ")), header: true });
    words.push(...header.segments.flatMap((s) => s.words));
  }
  let previous: { row: Row; cells: string[] } | undefined;
  let numericRows = 0;
  let bodyRows = 0;
  for (const row of body) {
    const { texts, words: rowWords } = cellsOfRow(row, bands);
    words.push(...rowWords);
    const filled = texts.filter((t) => t !== "");
    if (previous && isContinuation(row, previous.row, filled, texts, previous.cells)) {
      const index = texts.findIndex((t) => t !== "");
      previous.cells[index] = `${previous.cells[index] ?? ""} ${texts[index] ?? ""}`.trim();
      previous.row = row;
      continue;
    }
    rows.push({ cells: texts, header: false });
    previous = { row, cells: texts };
    bodyRows += 1;
    if (texts.some(isNumericLike)) numericRows += 1;
  }
  if (!(rows.length >= MIN_ROWS ? hasNumericColumn(rows, bands.length) : isSummaryStrip(rows, bands.length))) return undefined;
  if (numericRows < NUMERIC_ROW_SHARE * bodyRows) return undefined;
  const segments: Segment[] = [...(header?.segments ?? []), ...body.flatMap((r) => r.segments)];
  return { rows, columnCount: bands.length, bbox: unionBox(words.map((w) => w.bbox)), words, segments };
}

/**
 * A wrapped description: one non-numeric cell, set closer under the previous row than rows
 * are to each other, in a column the previous row already fills.
 */
function isContinuation(row: Row, prev: Row, filled: string[], texts: string[], prevCells: string[]): boolean {
  if (filled.length !== 1 || isNumericLike(filled[0] as string)) return false;
  const index = texts.findIndex((t) => t !== "");
  return (prevCells[index] ?? "") !== "" && row.bbox.y0 - prev.bbox.y1 <= 0.6 * row.em;
}

/** Labels over one row of amounts, three or more wide ("Previous Balance  Deposits  ..."). */
function isSummaryStrip(rows: TableRegion["rows"], columns: number): boolean {
  const [head, body] = rows;
  return (
    rows.length === 2 &&
    columns >= 3 &&
    head?.header === true &&
    body !== undefined &&
    body.cells.every((c) => c === "" || isNumericLike(c)) &&
    body.cells.filter((c) => c !== "").length >= 3
  );
}

function hasNumericColumn(rows: TableRegion["rows"], columns: number): boolean {
  for (let c = 0; c < columns; c++) {
    const cells = rows.filter((r) => !r.header).map((r) => r.cells[c] ?? "").filter((t) => t !== "");
    const numeric = cells.filter(isNumericLike).length;
    if (numeric >= 2 && numeric >= NUMERIC_COLUMN_SHARE * cells.length) return true;
  }
  return false;
}

/** The row right above a run, when it reads as the table's column labels. */
export function headerAbove(run: readonly Row[], above: Row | undefined): Row | undefined {
  const first = run[0];
  if (!above || !first || !isHeaderLike(above)) return undefined;
  const gap = first.bbox.y0 - above.bbox.y1;
  const sizeRatio = Math.max(above.em, first.em) / Math.min(above.em, first.em);
  return gap <= ROW_GAP_EM * 1.25 * first.em && sizeRatio <= 1.6 ? above : undefined;
}
