import { unionBox } from "../build-ocr-page.js";
import type { Segment, TextBlock } from "./layout-types.js";
import { centerX, overlapX } from "./text-metrics.js";

/**
 * The widest gap between two lines of one block: 0.9 em of the smaller line, but a value set
 * in a larger font under a small form label may sit up to 1.5 label-ems lower.
 */
export function stackGapLimit(upper: Segment, lower: Segment): number {
  const em = Math.min(upper.em, lower.em);
  if (lower.em >= GROW_RATIO * upper.em) return Math.min(STACK_GAP_EM * lower.em, LABEL_GAP_EM * upper.em);
  return STACK_GAP_EM * em;
}

/** A line this much larger than the next one ends its block (a value above the next box's label). */
const SHRINK_RATIO = 1.4;
/** Lines of one text block are at most this many ems apart. */
export const STACK_GAP_EM = 0.9;
/** A line this much larger than the one above it is a value under its label. */
const GROW_RATIO = 1.3;
const LABEL_GAP_EM = 1.5;
/** Left edges or centres within this many ems count as aligned. */
const ALIGN_EM = 1.5;

/**
 * Groups the segments that are not in tables into text blocks, one segment per line: a
 * segment continues the block whose last line is right above it (gap under ~0.9 em),
 * overlaps it and is left-aligned, centred or mostly under it. Going from a small line to a
 * larger one is allowed (a form label and the value printed under it stay together); going
 * from a larger line to a clearly smaller one starts a new block.
 */
export function stackTextBlocks(segments: readonly Segment[]): TextBlock[] {
  const sorted = [...segments].sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
  const blocks: Array<{ segments: Segment[] }> = [];
  for (const segment of sorted) {
    let best: { segments: Segment[] } | undefined;
    let bestGap = Infinity;
    for (const block of blocks) {
      const last = block.segments[block.segments.length - 1] as Segment;
      if (!canStack(last, segment)) continue;
      const gap = segment.bbox.y0 - last.bbox.y1;
      if (gap < bestGap) {
        best = block;
        bestGap = gap;
      }
    }
    if (best) best.segments.push(segment);
    else blocks.push({ segments: [segment] });
  }
  return blocks.map((b) => ({ segments: b.segments, bbox: unionBox(b.segments.map((s) => s.bbox)) }));
}

export function canStack(upper: Segment, lower: Segment): boolean {
  const em = Math.min(upper.em, lower.em);
  const gap = lower.bbox.y0 - upper.bbox.y1;
  if (gap < -0.3 * em || gap > stackGapLimit(upper, lower)) return false;
  const overlap = overlapX(upper.bbox, lower.bbox);
  if (overlap <= 0) return false;
  if (upper.em / lower.em > SHRINK_RATIO) return false;
  const narrower = Math.min(upper.bbox.x1 - upper.bbox.x0, lower.bbox.x1 - lower.bbox.x0);
  return (
    Math.abs(upper.bbox.x0 - lower.bbox.x0) <= ALIGN_EM * em ||
    Math.abs(centerX(upper.bbox) - centerX(lower.bbox)) <= ALIGN_EM * em ||
    overlap >= 0.5 * narrower
  );
}
