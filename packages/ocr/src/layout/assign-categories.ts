import { LayoutCategory } from "@docproc/gen/docproc/v1/layout_pb.js";
import type { DraftElement } from "./draft-element.js";
import { isNumericLike, overlapX } from "./text-metrics.js";

/** Headings are set at least this much larger than the page's body text. */
const HEADING_SIZE = 1.3;
/** Headings of the same top size (both copies of a form) are all titles. */
const TITLE_SIZE_SHARE = 0.92;
const HEADING_MAX_WORDS = 8;
const TABLE_CAPTION_MAX_WORDS = 5;
/** The bottom of a tall page where running footers sit. */
const FOOTER_ZONE = 0.94;
/** A line with an amount in it is a total or a field, never a heading. */
const AMOUNT = /\d\.\d{2}\b/;
/** Dates and "50/100" (a check's amount line) are not headings either. */
const FRACTION = /\d\/\d/;

function wordCount(draft: DraftElement): number {
  return draft.words.length;
}

function isShortLabel(draft: DraftElement, maxWords: number): boolean {
  const text = draft.lines.join(" ");
  return (
    draft.lines.length === 1 &&
    (text.match(/\p{L}/gu) ?? []).length >= 4 &&
    !FRACTION.test(text) &&
    wordCount(draft) <= maxWords &&
    !isNumericLike(text) &&
    !AMOUNT.test(text)
  );
}

/**
 * Sets Title / Section-header / Page-footer on text drafts, by the cues OCR still has
 * (no bold or colour): clearly larger short lines are headings, the largest of them titles
 * (when one of those is in the top half of the page);
 * a short label right above a table is that table's section header; one-line text in the
 * bottom 6 % of a tall page is a footer.
 */
export function assignCategories(drafts: DraftElement[], page: { width: number; height: number }, bodyEm: number): void {
  const texts = drafts.filter((d) => d.category === LayoutCategory.TEXT);
  const headings = texts.filter((d) => isShortLabel(d, HEADING_MAX_WORDS) && d.em >= HEADING_SIZE * bodyEm);
  // The largest heading is the title only when the top half of the page has one that size
  // (a check's big handwritten memo line is not a title).
  const titleEm = Math.max(0, ...headings.map((d) => d.em));
  const isTitleSize = (d: DraftElement): boolean => d.em >= TITLE_SIZE_SHARE * titleEm;
  const titled = headings.some((d) => isTitleSize(d) && d.bbox.y0 < page.height / 2);
  for (const draft of headings) {
    draft.category = titled && isTitleSize(draft) ? LayoutCategory.TITLE : LayoutCategory.SECTION_HEADER;
  }
  const tables = drafts.filter((d) => d.category === LayoutCategory.TABLE);
  for (const draft of texts) {
    if (draft.category !== LayoutCategory.TEXT) continue;
    if (isShortLabel(draft, TABLE_CAPTION_MAX_WORDS) && !draft.lines[0]?.trim().endsWith(":")) {
      const captions = tables.some((t) => {
        const gap = t.bbox.y0 - draft.bbox.y1;
        return gap >= 0 && gap <= 2.5 * draft.em && (overlapX(t.bbox, draft.bbox) > 0 || Math.abs(t.bbox.x0 - draft.bbox.x0) <= 2 * draft.em);
      });
      if (captions) draft.category = LayoutCategory.SECTION_HEADER;
    }
    if (draft.category === LayoutCategory.TEXT && page.height >= 1.2 * page.width && draft.lines.length === 1 && draft.bbox.y0 >= FOOTER_ZONE * page.height) {
      draft.category = LayoutCategory.PAGE_FOOTER;
    }
  }
}
