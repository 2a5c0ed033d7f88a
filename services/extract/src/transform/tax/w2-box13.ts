import { create } from "@bufbuild/protobuf";
import { type CheckboxField, CheckboxFieldSchema, CheckState } from "@docproc/gen/docproc/v1/values_pb.js";
import { MATCH_CONFIDENCE, notFoundMeta, presentMeta } from "../../fields/field-meta.js";
import type { CheckMark, LayoutReader } from "../layout-reader.js";
import { estimateX } from "../layout/cell-geometry.js";
import { sourceOf } from "../layout/layout-cells.js";
import type { LabelHit } from "../layout/label-search.js";

/** The three box 13 checkboxes, in printed order. */
export const BOX13_KEYS = ["box13Statutory", "box13Retirement", "box13SickPay"] as const;
type Box13Key = (typeof BOX13_KEYS)[number];

/**
 * When a lone mark cannot be placed among the labels (text-only layouts print
 * the "X" after all three labels), it is given to "Retirement plan", by far
 * the most common box 13 check, with a low confidence.
 */
const PRIOR: Box13Key = "box13Retirement";

/**
 * Box 13. A mark on a label's line goes to the label before it ("Statutory
 * employee Retirement plan X Third-party sick pay"); a mark standing in its own
 * element goes to the label nearest in x; a mark on its own line under labels
 * sharing one element cannot be placed and goes to PRIOR.
 */
export function readBox13(reader: LayoutReader): Record<Box13Key, CheckboxField> {
  const hits = Object.fromEntries(BOX13_KEYS.map((k) => [k, reader.hits(k)[0]])) as Record<Box13Key, LabelHit | undefined>;
  const checked = new Map<Box13Key, { mark: CheckMark; confidence: number }>();
  const unplaced: CheckMark[] = [];
  const seen = new Set<string>();
  for (const key of BOX13_KEYS) {
    const hit = hits[key];
    if (!hit) continue;
    for (const mark of reader.marks(hit)) {
      const id = `${mark.cell.index}:${mark.start}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const sharing = BOX13_KEYS.filter((k) => hits[k]?.cell === hit.cell).length;
      if (mark.adjacent && mark.x !== undefined) {
        const nearest = nearestByX(hits, mark.x) ?? key;
        checked.set(nearest, { mark, confidence: MATCH_CONFIDENCE.ADJACENT });
      } else if (mark.inline || sharing <= 1) {
        checked.set(key, { mark, confidence: mark.inline ? MATCH_CONFIDENCE.ADJACENT : hit.matchConfidence });
      } else unplaced.push(mark);
    }
  }
  if (unplaced[0] && checked.size === 0 && hits[PRIOR]) checked.set(PRIOR, { mark: unplaced[0], confidence: MATCH_CONFIDENCE.POSITIONAL });
  const out = {} as Record<Box13Key, CheckboxField>;
  for (const key of BOX13_KEYS) {
    const hit = hits[key];
    const c = checked.get(key);
    out[key] = !hit
      ? create(CheckboxFieldSchema, { value: CheckState.UNSPECIFIED, meta: notFoundMeta() })
      : c
        ? create(CheckboxFieldSchema, { value: CheckState.CHECKED, meta: presentMeta(sourceOf(c.mark.cell), "X", c.confidence) })
        : create(CheckboxFieldSchema, {
            value: CheckState.UNCHECKED,
            // Less sure of "unchecked" when a mark was seen but could not be placed.
            meta: presentMeta(sourceOf(hit.cell), "", hit.matchConfidence * (unplaced.length > 0 ? 0.5 : 0.9)),
          });
  }
  return out;
}

function nearestByX(hits: Record<Box13Key, LabelHit | undefined>, x: number): Box13Key | undefined {
  let best: { key: Box13Key; d: number } | undefined;
  for (const key of BOX13_KEYS) {
    const hit = hits[key];
    if (!hit) continue;
    const x0 = estimateX(hit.cell, hit.start);
    const x1 = estimateX(hit.cell, hit.end);
    if (x0 === undefined || x1 === undefined) continue;
    const d = Math.abs((x0 + x1) / 2 - x);
    if (!best || d < best.d) best = { key, d };
  }
  return best?.key;
}
