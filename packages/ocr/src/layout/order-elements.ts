import type { DraftElement } from "./draft-element.js";

/**
 * Reading order: top to bottom, and left to right among elements that start on the same
 * line. Repeatedly takes the topmost remaining element, then prefers any element further left
 * whose top lies within about half a line of it, so side-by-side blocks (an address left of
 * an invoice header, the boxes of one form row) read left to right, while an element that
 * merely overlaps in height but starts lower waits its turn.
 */
export function orderElements(drafts: readonly DraftElement[]): DraftElement[] {
  const remaining = [...drafts].sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
  const ordered: DraftElement[] = [];
  while (remaining.length > 0) {
    const top = remaining[0] as DraftElement;
    const reach = top.bbox.y0 + 0.6 * Math.max(1, top.em);
    let pick = 0;
    remaining.forEach((d, i) => {
      if (d.bbox.y0 <= reach && d.bbox.x0 < (remaining[pick] as DraftElement).bbox.x0) pick = i;
    });
    ordered.push(...remaining.splice(pick, 1));
  }
  return ordered;
}
