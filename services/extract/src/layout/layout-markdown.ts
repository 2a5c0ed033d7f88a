import { LayoutCategory, type LayoutElement } from "@docproc/gen/docproc/v1/layout_pb.js";

export interface LayoutMarkdownOptions {
  /** Drop Page-header and Page-footer elements (the reference's no_page_hf variant). */
  dropPageHeaderFooter?: boolean;
  /** Write `![picture]` for pictures instead of omitting them. The image itself is never embedded. */
  picturePlaceholder?: boolean;
}

/** Wraps a formula as a display-math block, like dots.ocr's get_formula_in_markdown. */
function formulaMarkdown(text: string): string {
  const body = text.trim().replace(/^\$\$\s*|\s*\$\$$/g, "").replace(/^\\\[\s*|\s*\\\]$/g, "");
  return `$$\n${body}\n$$`;
}

/**
 * A page's Markdown like dots.ocr's layoutjson2md: one block per element in
 * reading order, joined with a blank line; tables stay HTML; formulas are
 * `$$` blocks; pictures are omitted (the reference embeds a base64 crop, which
 * we never return) or a placeholder; other text is trimmed.
 */
export function layoutMarkdown(elements: readonly LayoutElement[], options: LayoutMarkdownOptions = {}): string {
  const blocks: string[] = [];
  for (const element of elements) {
    const category = element.category;
    if (
      options.dropPageHeaderFooter &&
      (category === LayoutCategory.PAGE_HEADER || category === LayoutCategory.PAGE_FOOTER)
    ) {
      continue;
    }
    if (category === LayoutCategory.PICTURE) {
      if (options.picturePlaceholder) blocks.push("![picture]");
      continue;
    }
    const text = element.text.trim();
    if (!text) continue;
    blocks.push(category === LayoutCategory.FORMULA ? formulaMarkdown(text) : text);
  }
  return blocks.join("\n\n");
}
