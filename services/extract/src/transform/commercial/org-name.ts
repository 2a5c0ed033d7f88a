import { LayoutCategory } from "@docproc/gen/docproc/v1/layout_pb.js";
import { parseAddress, splitNameAndAddress } from "../../fields/index.js";
import type { Evidence } from "./field-build.js";
import { type DocLine, type LayoutDoc, firstPage, lineHeight } from "./layout-doc.js";
import { dropLogoNoise, endsWithZip, isOrgOrPersonName, isStreetLine, segmentsOf } from "./line-shapes.js";
import { findEmails, findPhones } from "./value-tokens.js";

/** Regulatory notices printed after the name ("Wells Fargo Bank, N.A. Member FDIC"). */
const LEGAL_NOTICE = /[\s,]*(?:member\s+fdic|member\s+ncua|equal\s+(?:housing\s+)?(?:lender|opportunity)|federally\s+insured\s+by\s+ncua|nmls\b).*$/i;

export interface OrgNameOptions {
  /** Words that mark the kind of organisation ("bank", "credit union"...): a strong hint. */
  vocabulary?: RegExp;
  /** Only lines starting above this fraction of the page are candidates (default 0.3). */
  maxY?: number;
  /** Lines that can never be the name (the customer's block...). */
  exclude?: (line: DocLine, text: string) => boolean;
}

export interface OrgName {
  text: string;
  evidence: Evidence;
  score: number;
}

/**
 * The issuing organisation's name from the page header: the name-like line
 * that is highest on the first page, printed biggest, a title, next to a logo,
 * heading a block with an address/phone/web line, or using the kind's
 * vocabulary. Never a line of a table (transaction descriptions included).
 */
export function findOrgName(doc: LayoutDoc, options: OrgNameOptions = {}): OrgName | undefined {
  const page = firstPage(doc);
  const maxY = options.maxY ?? 0.3;
  const lines = doc.lines.filter((l) => l.block.page === page && !l.cells);
  const median = medianHeight(lines);
  let best: OrgName | undefined;
  for (const line of lines) {
    // The running footer/header names the institution on many statements whose top only has a logo.
    const running = line.block.category === LayoutCategory.PAGE_FOOTER || line.block.category === LayoutCategory.PAGE_HEADER;
    if (line.rect.y0 > maxY && !running) continue;
    const text = nameBeforeAddress(dropLogoNoise(segmentsOf(line.text)[0] ?? "").replace(LEGAL_NOTICE, "").trim());
    if (!isOrgOrPersonName(text) || isStreetLine(text) || endsWithZip(text) || /[?!]/.test(text) || options.exclude?.(line, text)) continue;
    if (running && line.rect.y0 > maxY && !options.vocabulary?.test(text)) continue;
    const score = line.rect.y0 > maxY ? (options.vocabulary?.test(text) ? 2 : 0) : scoreLine(doc, line, text, median, maxY, options.vocabulary);
    if (!best || score > best.score) {
      best = { text, score, evidence: { raw: text, line, quality: Math.min(0.95, Math.max(0.55, 0.6 + score / 20)) } };
    }
  }
  return best;
}

function scoreLine(doc: LayoutDoc, line: DocLine, text: string, median: number, maxY: number, vocabulary?: RegExp): number {
  let score = 0;
  const category = line.block.category;
  if (category === LayoutCategory.TITLE) score += 3;
  if (category === LayoutCategory.SECTION_HEADER || category === LayoutCategory.FOOTNOTE) score -= 1;
  score += 2 * (1 - line.rect.y0 / maxY);
  if (median > 0) score += Math.min(2, Math.max(0, (lineHeight(line) / median - 1) * 2));
  if (line.indexInBlock === 0) score += 0.5;
  const others = line.block.lines.filter((l) => l !== line);
  if (others.some((l) => endsWithZip(l.text) || findPhones(l.text).length > 0 || findEmails(l.text).length > 0 || /www\.|\.com\b/i.test(l.text))) {
    score += 1.5;
  }
  if (vocabulary?.test(text)) score += 3;
  if (hasLogoLeft(doc, line)) score += 1;
  if (/\d/.test(text) && !/#\s?\d+$/.test(text)) score -= 1;
  return score;
}

/** "JPMorgan Chase Bank, N.A. P.O. Box 15123, Wilmington, DE 19850" → the name part. */
function nameBeforeAddress(text: string): string {
  if (!endsWithZip(text)) return text;
  const split = splitNameAndAddress([text]);
  const street = parseAddress(split.addressLines)?.addressLines.length ?? 0;
  return street > 0 && split.nameLines.length > 0 ? split.nameLines.join(" ").replace(/[,\s]+$/, "") : text;
}

function hasLogoLeft(doc: LayoutDoc, line: DocLine): boolean {
  return doc.blocks.some(
    (b) =>
      b.category === LayoutCategory.PICTURE &&
      b.page === line.block.page &&
      b.rect.x1 <= line.block.rect.x0 + 0.02 &&
      line.block.rect.x0 - b.rect.x1 < 0.1 &&
      Math.min(b.rect.y1, line.block.rect.y1) > Math.max(b.rect.y0, line.block.rect.y0),
  );
}

function medianHeight(lines: DocLine[]): number {
  const hs = lines.filter((l) => l.block.category === LayoutCategory.TEXT).map(lineHeight).sort((a, b) => a - b);
  return hs[Math.floor(hs.length / 2)] ?? 0;
}
