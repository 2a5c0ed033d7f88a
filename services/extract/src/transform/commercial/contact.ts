import { LayoutCategory } from "@docproc/gen/docproc/v1/layout_pb.js";
import type { Evidence } from "./field-build.js";
import type { DocBlock, DocLine, LayoutDoc } from "./layout-doc.js";
import { findEmails, findPhones } from "./value-tokens.js";

const PHONE_LABEL = /(?:phone|tel\b|telephone|call|customer\s+service|questions|contact|toll[-\s]free|fax)/i;
const FAX = /\bfax\b/i;

/**
 * The organisation's telephone number: first in its own blocks (name,
 * address), then a labelled number ("Customer Service 1-800-…", not a fax),
 * then one in the running header/footer, then the first number on the first
 * page outside the excluded blocks (the customer's).
 */
export function findOrgPhone(doc: LayoutDoc, anchors: readonly DocBlock[], exclude: readonly DocBlock[] = []): Evidence | undefined {
  const ok = (line: DocLine): boolean => !exclude.includes(line.block) && !line.cells;
  const phoneIn = (line: DocLine, quality: number): Evidence | undefined => {
    const phones = findPhones(line.text).filter((p) => !FAX.test(line.text.slice(Math.max(0, p.start - 8), p.start)));
    return phones[0] ? { raw: phones[0].raw, line, quality } : undefined;
  };
  const tiers: Array<[(l: DocLine) => boolean, number]> = [
    [(l) => anchors.includes(l.block), 0.9],
    [(l) => PHONE_LABEL.test(l.text) && l.text.length < 120, 0.85],
    [(l) => l.block.category === LayoutCategory.PAGE_HEADER || l.block.category === LayoutCategory.PAGE_FOOTER, 0.75],
    [(l) => l.block.page === (doc.blocks[0]?.page ?? 0) && l.block.category !== LayoutCategory.FOOTNOTE, 0.6],
  ];
  for (const [test, quality] of tiers) {
    for (const line of doc.lines) {
      if (!ok(line) || !test(line)) continue;
      const found = phoneIn(line, quality);
      if (found) return found;
    }
  }
  return undefined;
}

/** The organisation's e-mail: in its blocks first, then anywhere outside the excluded blocks. */
export function findOrgEmail(doc: LayoutDoc, anchors: readonly DocBlock[], exclude: readonly DocBlock[] = []): Evidence | undefined {
  const ordered = [...doc.lines.filter((l) => anchors.includes(l.block)), ...doc.lines.filter((l) => !exclude.includes(l.block))];
  for (const line of ordered) {
    const email = findEmails(line.text)[0];
    if (email) return { raw: email.raw, line, quality: anchors.includes(line.block) ? 0.9 : 0.7 };
  }
  return undefined;
}
