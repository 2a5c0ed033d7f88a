import { buildTable, columnBands, headerAbove, nearestBand, type Band } from "./build-table.js";
import { findTableRuns, isHeaderLike, ROW_GAP_EM } from "./find-table-runs.js";
import { groupRows } from "./group-rows.js";
import type { Row, Segment, TableRegion } from "./layout-types.js";
import { STACK_GAP_EM } from "./stack-text-blocks.js";
import { centerX, overlapX } from "./text-metrics.js";

/** Rounds of "drop a text column that only passes beside a table, then look again". */
const MAX_ROUNDS = 5;
/** Two stacked lines outside a run make a column a separate text block, not a table column. */
const FOREIGN_LINES = 2;

/**
 * Finds the tables of a page. A run of aligned rows can have a text block beside it (an
 * address left of an "Invoice # / Date / Terms" grid shares its rows); such a column is
 * recognised because its lines continue above the run, so its segments are barred from
 * tables and the rows are examined again.
 */
export function detectTables(segments: readonly Segment[]): { tables: TableRegion[]; rest: Segment[] } {
  const barred = new Set<number>();
  let tables: TableRegion[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const rows = groupRows(segments.filter((s) => !barred.has(s.id)));
    const runs = findTableRuns(rows);
    let changed = false;
    tables = [];
    // Lines of other runs are not a text column passing by (a receipt's last "3 @ 3.85").
    // A header-like row right above a run is the run's own column labels.
    const runIds = new Set(
      runs.flatMap((run) => {
        const above = rows[rows.indexOf(run[0] as Row) - 1];
        const withHeader = above && isHeaderLike(above) ? [above, ...run] : run;
        return withHeader.flatMap((r) => r.segments.map((s) => s.id));
      }),
    );
    for (const run of runs) {
      for (const band of columnBands(run)) {
        if (!isForeign(band, run, segments, runIds)) continue;
        for (const row of run) for (const s of row.segments) if (overlapX(s.bbox, band) > 0) barred.add(s.id);
        changed = true;
      }
      if (changed) continue;
      const above = rows[rows.indexOf(run[0] as Row) - 1];
      const header = isHeaderLike(run[0] as Row) ? run[0] : headerAbove(run, above);
      const withLead = header ? run : absorbLeadingRow(run, above);
      const table = buildTable(header && !run.includes(header) ? [header, ...withLead] : withLead, header);
      if (table) tables.push(table);
    }
    if (!changed) break;
  }
  const used = new Set(tables.flatMap((t) => t.segments.map((s) => s.id)));
  return { tables, rest: segments.filter((s) => !used.has(s.id)) };
}

/** Whether a band's cells continue upwards as two or more stacked lines above the run. */
function isForeign(band: Band, run: readonly Row[], all: readonly Segment[], inRuns: ReadonlySet<number>): boolean {
  const cells = run.flatMap((r) => r.segments.filter((s) => overlapX(s.bbox, band) > 0));
  if (cells.length === 0) return false;
  // Only lines above count: rows trailing under a table are usually its own sub-lines or totals.
  let current = cells.reduce((a, b) => (b.bbox.y0 < a.bbox.y0 ? b : a));
  for (let count = 0; count < FOREIGN_LINES; count++) {
    const next = nearestAbove(current, all, inRuns);
    if (!next) return false;
    current = next;
  }
  return true;
}

/** The closest segment stacked right above `from` (overlapping it, within a line gap). */
function nearestAbove(from: Segment, all: readonly Segment[], skip: ReadonlySet<number>): Segment | undefined {
  let best: Segment | undefined;
  let bestGap = Infinity;
  for (const s of all) {
    if (s.id === from.id || skip.has(s.id) || overlapX(s.bbox, from.bbox) <= 0) continue;
    const gap = from.bbox.y0 - s.bbox.y1;
    const em = Math.min(s.em, from.em);
    if (gap < -0.3 * em || gap > STACK_GAP_EM * em || gap >= bestGap) continue;
    best = s;
    bestGap = gap;
  }
  return best;
}

/**
 * A one-segment row right above a run whose words fall into two or more of the run's
 * columns is a row Tesseract glued across a narrow gutter ("Invoice #  INV-2023-55333").
 */
function absorbLeadingRow(run: Row[], above: Row | undefined): Row[] {
  const first = run[0] as Row;
  if (!above || above.segments.length !== 1 || first.bbox.y0 - above.bbox.y1 > ROW_GAP_EM * first.em) return run;
  const bands = columnBands(run);
  const hit = new Set((above.segments[0] as Segment).words.map((w) => nearestBand(bands, centerX(w.bbox))));
  return hit.size >= 2 ? [above, ...run] : run;
}
