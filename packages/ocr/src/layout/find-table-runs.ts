import type { Row, Segment } from "./layout-types.js";
import { isNumericLike, median, overlapX } from "./text-metrics.js";

/** Rows of one table are at most this many ems apart (statement rows ~1, invoice items ~1.4). */
export const ROW_GAP_EM = 1.6;
/** Rows of one table use one font size; form labels and their values differ more than this. */
const EM_RATIO = 1.25;
/** Single-cell rows inside a table (wrapped descriptions, "2 @ 4.49" quantity lines). */
const MAX_SINGLES_IN_A_ROW = 2;

/** Whether a row reads as column labels: two or more short cells without digits. */
export function isHeaderLike(row: Row): boolean {
  return row.segments.length >= 2 && row.segments.every((s) => !/[0-9]/.test(s.text) && s.words.length <= 4);
}

function ratio(a: number, b: number): number {
  return Math.max(a, b) / Math.max(1e-6, Math.min(a, b));
}

/**
 * Finds runs of consecutive rows that could be a table: rows with two or more segments, one
 * font size, evenly close, whose first cell starts in the run's first column; a row of
 * column labels starts a new run. Up to two single-segment rows may sit between them.
 * Validation (aligned columns, a numeric column) happens later; a run is only a candidate.
 */
export function findTableRuns(rows: readonly Row[]): Row[][] {
  const runs: Row[][] = [];
  let run: Row[] = [];
  let pending: Row[] = [];

  const close = (): void => {
    if (run.filter((r) => r.segments.length >= 2).length >= 2) runs.push([...run, ...trailingSubLines(run, pending)]);
    run = [];
    pending = [];
  };

  for (const row of rows) {
    const multi = row.segments.length >= 2;
    if (run.length === 0) {
      if (multi) run = [row];
      continue;
    }
    const last = (pending[pending.length - 1] ?? run[run.length - 1]) as Row;
    const runEm = median(run.filter((r) => r.segments.length >= 2).map((r) => r.em));
    const gap = row.bbox.y0 - last.bbox.y1;
    const near = gap <= ROW_GAP_EM * runEm && ratio(row.em, runEm) <= EM_RATIO;
    if (multi) {
      // Column labels start a new table (a summary grid followed by the transactions).
      if (near && fitsColumns(run, row) && !isHeaderLike(row)) {
        run.push(...pending, row);
        pending = [];
      } else {
        close();
        run = [row];
      }
    } else if (near && pending.length < MAX_SINGLES_IN_A_ROW && overlapX(row.bbox, runBox(run)) > 0) {
      pending.push(row);
    } else {
      close();
    }
  }
  close();
  return runs;
}

/**
 * Once a run has two rows, a row must start in the run's first column, or else every cell of
 * it must fall under a later column holding the same kind of cell, text or number (a
 * key/value grid that continues below an address printed beside it). A totals block under
 * the items ("Subtotal ... $3,367.26") puts a word under the quantities and ends the run.
 */
function fitsColumns(run: readonly Row[], row: Row): boolean {
  const multis = run.filter((r) => r.segments.length >= 2);
  if (multis.length < 2) return true;
  const firstColumnRight = Math.max(...multis.map((r) => (r.segments[0] as Segment).bbox.x1));
  if ((row.segments[0] as Segment).bbox.x0 <= firstColumnRight + 0.5 * row.em) return true;
  // The first row is left out: it is often column labels, garbled or not.
  const later = multis.slice(1).flatMap((r) => r.segments.slice(1));
  return row.segments.every((s) =>
    later.some((c) => overlapX(c.bbox, s.bbox) > 0 && isNumericLike(c.text) === isNumericLike(s.text)),
  );
}

/**
 * Single-cell rows right after the last row, as close as the rows are to each other and not
 * starting left of the table: the "3 @ 3.85" quantity line under a receipt's last item.
 */
function trailingSubLines(run: readonly Row[], pending: readonly Row[]): Row[] {
  if (run.length < 3) return [];
  const gaps = run.slice(1).map((r, i) => r.bbox.y0 - (run[i] as Row).bbox.y1);
  const limit = 1.2 * median(gaps);
  const left = runBox(run).x0 - 0.5 * (run[0] as Row).em;
  const kept: Row[] = [];
  let previous = run[run.length - 1] as Row;
  for (const row of pending) {
    if (row.bbox.y0 - previous.bbox.y1 > limit || row.bbox.x0 < left) break;
    kept.push(row);
    previous = row;
  }
  return kept;
}

function runBox(run: readonly Row[]): Row["bbox"] {
  return {
    x0: Math.min(...run.map((r) => r.bbox.x0)),
    y0: Math.min(...run.map((r) => r.bbox.y0)),
    x1: Math.max(...run.map((r) => r.bbox.x1)),
    y1: Math.max(...run.map((r) => r.bbox.y1)),
  };
}
