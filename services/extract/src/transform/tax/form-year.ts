import { create } from "@bufbuild/protobuf";
import { type IntField, IntFieldSchema } from "@docproc/gen/docproc/v1/values_pb.js";
import { looksLikeStreetLine } from "../../fields/address.js";
import { MATCH_CONFIDENCE, notFoundMeta, presentMeta } from "../../fields/field-meta.js";
import { cellRect } from "../layout/cell-geometry.js";
import { type LayoutCell, sourceOf } from "../layout/layout-cells.js";

// A 4-digit year standing alone: not inside a ZIP code, a date, an id ("1545-0008"), an amount or a revision ("Rev. 1-2024").
const YEAR = /(?<![\d\-/.,$])(?:19[89]\d|20\d{2})(?![\d\-/,]|\.\d)/g;
const REVISION_BEFORE = /\b(?:rev\.?|revised|revision)\s*(?:\(?\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)?\s*$/i;
const YEAR_LABEL_BEFORE = /(?:calendar|tax|for)\s+year\s*:?\s*$/i;
const FORM_TITLE = /\bForm\s+(?:W-?2|1099|1098)|Wage and Tax Statement|\b1099-[A-Z]+\b/i;

interface Candidate {
  cell: LayoutCell;
  year: number;
  score: number;
}

/**
 * The tax year printed on a form: a 4-digit 19xx/20xx year, preferring one
 * labelled "For calendar year", one standing alone in its element, or one in
 * or near the form title. Years in ZIP codes, dates, revision notes ("Rev.
 * January 2024"), ids and long prose are ignored or ranked low, so a ZIP code
 * such as 20001 is never read as the year 2000.
 */
export function findTaxYear(cells: readonly LayoutCell[]): IntField {
  const titles = cells.filter((c) => FORM_TITLE.test(c.text) && c.text.length < 120);
  const candidates: Candidate[] = [];
  for (const cell of cells) {
    const words = cell.text.split(/\s+/).length;
    for (const m of cell.text.matchAll(YEAR)) {
      const before = cell.text.slice(Math.max(0, m.index - 40), m.index);
      if (REVISION_BEFORE.test(before)) continue;
      // A house number is not a year ("2024 Oak Street").
      const lineEnd = cell.text.indexOf("\n", m.index);
      if (looksLikeStreetLine(cell.text.slice(m.index, lineEnd < 0 ? undefined : lineEnd))) continue;
      let score = 0;
      if (YEAR_LABEL_BEFORE.test(before)) score += 4;
      if (cell.text.trim() === m[0]) score += 3;
      if (FORM_TITLE.test(cell.text) && words < 15) score += 3;
      if (words < 8) score += 1;
      if (words > 30) score -= 2;
      score += 2 * titleProximity(cell, titles);
      score -= cell.pageIndex;
      candidates.push({ cell, year: Number(m[0]), score });
    }
  }
  const best = candidates.sort((a, b) => b.score - a.score || a.cell.index - b.cell.index)[0];
  if (!best || best.score < 1) return create(IntFieldSchema, { meta: notFoundMeta() });
  const confidence = best.score >= 5 ? MATCH_CONFIDENCE.LABEL : best.score >= 3 ? MATCH_CONFIDENCE.ADJACENT : MATCH_CONFIDENCE.INFERRED;
  return create(IntFieldSchema, { value: BigInt(best.year), meta: presentMeta(sourceOf(best.cell), String(best.year), confidence) });
}

/** 1 when the cell touches a form title on its page, falling to 0 at a third of the page away. */
function titleProximity(cell: LayoutCell, titles: readonly LayoutCell[]): number {
  const r = cellRect(cell);
  if (!r) return titles.includes(cell) ? 1 : 0;
  let best = 0;
  for (const t of titles) {
    const tr = cellRect(t);
    if (!tr || t.pageIndex !== cell.pageIndex) continue;
    const dx = Math.max(0, tr.x0 - r.x1, r.x0 - tr.x1);
    const dy = Math.max(0, tr.y0 - r.y1, r.y0 - tr.y1);
    best = Math.max(best, 1 - Math.min(1, Math.hypot(dx, dy) / 0.33));
  }
  return best;
}
