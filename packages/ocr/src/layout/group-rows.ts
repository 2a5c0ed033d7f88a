import { unionBox } from "../build-ocr-page.js";
import type { Row, Segment } from "./layout-types.js";
import { centerY, lowerMedian, overlapX } from "./text-metrics.js";

/**
 * Groups segments into visual rows: a segment joins a row when its vertical centre is within
 * half an em of the row's and it does not overlap a segment already there. Rows come out
 * top to bottom, segments left to right.
 */
export function groupRows(segments: readonly Segment[]): Row[] {
  const sorted = [...segments].sort((a, b) => centerY(a.bbox) - centerY(b.bbox) || a.bbox.x0 - b.bbox.x0);
  const open: Array<{ segments: Segment[]; center: number; em: number }> = [];
  for (const segment of sorted) {
    const center = centerY(segment.bbox);
    let best: (typeof open)[number] | undefined;
    let bestDistance = Infinity;
    // Only the last few rows can still match: segments arrive in centre order.
    for (let i = open.length - 1; i >= Math.max(0, open.length - 4); i--) {
      const row = open[i] as (typeof open)[number];
      const distance = Math.abs(center - row.center);
      const limit = 0.5 * Math.min(segment.em, row.em);
      if (distance > limit || distance >= bestDistance) continue;
      if (row.segments.some((s) => overlapX(s.bbox, segment.bbox) > 0)) continue;
      best = row;
      bestDistance = distance;
    }
    if (best) {
      best.segments.push(segment);
      best.center = (best.center * (best.segments.length - 1) + center) / best.segments.length;
      best.em = lowerMedian(best.segments.map((s) => s.em));
    } else {
      open.push({ segments: [segment], center, em: segment.em });
    }
  }
  return open
    .map((row) => {
      const ordered = [...row.segments].sort((a, b) => a.bbox.x0 - b.bbox.x0);
      return { segments: ordered, bbox: unionBox(ordered.map((s) => s.bbox)), em: row.em };
    })
    .sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
}
