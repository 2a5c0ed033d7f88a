/**
 * Plain-text helpers for element text. dots.ocr writes Markdown (`# `, `## `,
 * `**bold**`) and may leave HTML entities or `<br>`; tesseract writes plain
 * lines. Both end up as the same plain lines here.
 */
import { decodeEntities } from "../layout/layout-cells.js";

/** One Markdown line to plain text: heading marks, bold/italic marks, list bullets removed. */
export function cleanMarkdownLine(line: string): string {
  let s = decodeEntities(line);
  s = s.replace(/^\s*#{1,6}\s+/, "");
  // Bold marks only: runs of three or more stars are masks ("************0184") or check fill.
  s = s.replace(/(?<!\*)\*\*(?=[^*\s])(.+?)(?<=[^*\s])\*\*(?!\*)/g, "$1").replace(/__(.+?)__/g, "$1");
  s = s.replace(/(?<!\*)\*\*(?!\*)/g, "");
  // A bullet only when a word follows: "- 145.33" is a negative amount, not a list item.
  s = s.replace(/^\s*[-*•]\s+(?=[A-Za-z])/, "");
  return collapseSpaces(s);
}

/** Splits element text into clean, non-empty lines. */
export function textLines(text: string): string[] {
  return text
    .replace(/<br\s*\/?>/gi, "\n")
    .split(/\r?\n/)
    .map(cleanMarkdownLine)
    .filter((l) => l.length > 0);
}

/** Collapses runs of whitespace to one space and trims. */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Lower-case letters and digits only, single-spaced: for comparing labels and names. */
export function normalizeKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** "PREMIER CHECKING" → "Premier Checking"; mixed-case text is kept as printed. */
export function titleCaseIfUpper(text: string): string {
  if (/[a-z]/.test(text) || !/[A-Z]/.test(text)) return text;
  return text.toLowerCase().replace(/(^|[\s\-/(])([a-z])/g, (_m, pre: string, c: string) => pre + c.toUpperCase());
}

/** Strips leading/trailing separator punctuation ("·", "|", ":", "-", "*"). */
export function trimPunctuation(text: string): string {
  return text.replace(/^[\s·|:;,*•=\-–—]+/, "").replace(/[\s·|:;,*•=\-–—]+$/, "");
}
