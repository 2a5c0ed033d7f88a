import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { type CheckMark, adjacentMarks, marksBetween, ownMarks } from "./layout/checkbox-marks.js";
import { type LayoutCell, layoutCells } from "./layout/layout-cells.js";
import { type LabelHit, type LabelSpec, findLabelHits } from "./layout/label-search.js";
import { neighborCandidates } from "./layout/neighbor-values.js";
import { type RegionContext, type ValueLine, ownValueLines } from "./layout/value-region.js";

export type { CellLine, GridPosition, LayoutCell } from "./layout/layout-cells.js";
export { cleanCellText, layoutCells, sourceOf } from "./layout/layout-cells.js";
export type { CheckMark } from "./layout/checkbox-marks.js";
export type { LabelHit, LabelSpec } from "./layout/label-search.js";
export type { ValueLine } from "./layout/value-region.js";
export { cellRect, estimateX, type Rect } from "./layout/cell-geometry.js";
export {
  parsePercent,
  readCheckboxField,
  readDateField,
  readIntField,
  readMaskedNumberField,
  readMoneyField,
  readPercentField,
  readTaxIdField,
  readTextField,
} from "./layout/field-readers.js";
export { lineMoneyField, lineTextField } from "./layout/line-fields.js";
export { pickAmount } from "./layout/pick-amount.js";
export { type ReadOutcome, metaOf, readOutcome } from "./layout/read-outcome.js";

/**
 * Read access to a document's layout for the transformers, shared by the tax
 * forms and the commercial documents. Pages are flattened into cells (text
 * elements and table cells, reading order); labels are found by box id and
 * wording (see LabelSpec); a label's value is read from its own cell ("1
 * Wages, tips, other compensation $ 117,636.28", "…\n\n75,000.00") or, when
 * its cell holds none, from the neighbour right of or below it.
 *
 * Typical use: `const reader = createLayoutReader(pages, specs)`, then the
 * typed readers (`readMoneyField(reader, key)`, `readTextField`,
 * `readDateField`, `readCheckboxField`...) which return proto fields with
 * FieldMeta (status PRESENT / BLANK / ILLEGIBLE / NOT_FOUND, confidence on the
 * MATCH_CONFIDENCE scale times the engine's confidence, masked raw_text,
 * page and box). For custom parsing use `reader.hits(key)` and
 * `reader.valueCandidates(hit)` with `readOutcome(reader, key, parse)`.
 */
export interface LayoutReader {
  /** All cells in reading order. */
  readonly cells: readonly LayoutCell[];
  /** The places a spec's label was found, best first (ties in reading order). */
  hits(key: string): readonly LabelHit[];
  /** The labels found in one cell, in text order. */
  hitsIn(cell: LayoutCell): readonly LabelHit[];
  /** The hit's value lines: from its own cell, else (when its own cell has no text after the label) from the likeliest neighbour. */
  valueLines(hit: LabelHit, maxLines?: number): ValueLine[];
  /** Every candidate reading of the hit's value, likeliest first: its own cell's lines alone, or each neighbour's. */
  valueCandidates(hit: LabelHit, maxLines?: number): ValueLine[][];
  /** Candidate readings from neighbouring cells only, even when the label's own cell has text. */
  neighbors(hit: LabelHit, maxLines?: number): ValueLine[][];
  /** The text after the label in its own cell, up to the next label there ("" for an empty box). */
  ownText(hit: LabelHit): string;
  /** Checkbox marks after the label in its own cell, else in mark-only neighbours. */
  marks(hit: LabelHit): CheckMark[];
}

/** Builds a reader over the pages' layout (failed pages skipped) for the given label specs. */
export function createLayoutReader(pages: readonly PageResult[], specs: readonly LabelSpec[]): LayoutReader {
  return createLayoutReaderFromCells(layoutCells(pages), specs);
}

/** Builds a reader over already flattened cells. */
export function createLayoutReaderFromCells(cells: readonly LayoutCell[], specs: readonly LabelSpec[]): LayoutReader {
  const all = findLabelHits(cells, specs);
  const byKey = new Map<string, LabelHit[]>();
  const byCell = new Map<number, LabelHit[]>();
  for (const hit of all) {
    byKey.set(hit.key, [...(byKey.get(hit.key) ?? []), hit]);
    byCell.set(hit.cell.index, [...(byCell.get(hit.cell.index) ?? []), hit]);
  }
  for (const list of byKey.values()) list.sort((a, b) => b.score - a.score || a.cell.index - b.cell.index || a.start - b.start);
  for (const list of byCell.values()) list.sort((a, b) => a.start - b.start);
  const ctx: RegionContext = { cells, hitsByCell: byCell };
  const valueCandidates = (hit: LabelHit, maxLines = 1): ValueLine[][] => {
    const own = ownValueLines(hit, ctx);
    if (own.length > 0) return [own.slice(0, maxLines)];
    return neighborCandidates(hit, ctx, maxLines);
  };
  return {
    cells,
    hits: (key) => byKey.get(key) ?? [],
    hitsIn: (cell) => byCell.get(cell.index) ?? [],
    valueLines: (hit, maxLines = 1) => valueCandidates(hit, maxLines)[0] ?? [],
    valueCandidates,
    neighbors(hit, maxLines = 1) {
      return neighborCandidates(hit, ctx, maxLines);
    },
    ownText(hit) {
      return ownValueLines(hit, ctx)
        .map((l) => l.text)
        .join("\n");
    },
    marks(hit) {
      const own = ownMarks(hit, ctx);
      if (own.length > 0) return own;
      const adjacent = adjacentMarks(hit, ctx);
      if (adjacent.length > 0) return adjacent;
      // A label wrapped into the next element with its box at the end ("…entered in box 8. [X]").
      const near = neighborCandidates(hit, ctx, 1)[0]?.[0];
      return near ? marksBetween(near.cell, 0, near.cell.text.length).map((m) => ({ ...m, adjacent: true })) : [];
    },
  };
}
