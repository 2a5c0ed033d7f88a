import { LayoutCategory } from "@docproc/gen/docproc/v1/layout_pb.js";
import { type FoundAmount, findDates } from "../../fields/index.js";
import { looksLikeAmountWords, parseAmountWords } from "./amount-words.js";
import type { Evidence } from "./field-build.js";
import { findBest, stripSeparators } from "./label-finder.js";
import type { DocLine, LayoutDoc } from "./layout-doc.js";
import { looksLikeMicr } from "./micr-line.js";
import { readMoney } from "./value-readers.js";
import { findMoney } from "./value-tokens.js";

/** The written amount: the words as printed and the cents they spell. */
export interface WordsAmount {
  cents: bigint;
  evidence: Evidence;
}

/** The line spelling the amount ("Two Thousand … and 50/100 DOLLARS"), parsed. */
export function findWordsAmount(doc: LayoutDoc): WordsAmount | undefined {
  for (const line of doc.lines) {
    if (!looksLikeAmountWords(line.text) || looksLikeMicr(line.text)) continue;
    const raw = line.text.replace(/^\s*pay\b[:\s]*/i, "").replace(/\s*(?:dollars?)?\s*$/i, (m) => (/dollars?/i.test(m) ? m : "")).trim();
    const cents = parseAmountWords(raw);
    if (cents !== undefined) return { cents, evidence: { raw, line, quality: 0.9 } };
  }
  return undefined;
}

/**
 * The numeric (courtesy) amount: a labelled amount ("AMOUNT 18,746.75"),
 * else an amount with cents or a "$" outside the MICR, date and words lines.
 * The one equal to the written amount wins; a check number (no cents, no
 * "$") is never an amount.
 */
export function findNumericAmount(doc: LayoutDoc, words: WordsAmount | undefined): { value: FoundAmount; evidence: Evidence } | undefined {
  const candidates: Array<{ value: FoundAmount; evidence: Evidence }> = [];
  const labelled = findBest(doc, { labels: ["check amount", "amount", "$"] }, (t) => readMoney()(unstar(t)));
  if (labelled) candidates.push({ value: labelled.value as FoundAmount, evidence: { ...labelled, quality: labelled.quality * 0.95 } });
  for (const line of doc.lines) {
    if (looksLikeMicr(line.text) || looksLikeAmountWords(line.text)) continue;
    for (const m of findMoney(unstar(line.text))) {
      if (findDates(line.text).some((d) => d.start <= m.start && d.end >= m.end)) continue;
      candidates.push({ value: m, evidence: { raw: m.raw, line, quality: m.hasSymbol ? 0.85 : 0.75 } });
    }
  }
  if (words) {
    const match = candidates.find((c) => cents(c.value) === words.cents);
    if (match) return { ...match, evidence: { ...match.evidence, quality: Math.max(match.evidence.quality, 0.95) } };
  }
  return candidates[0];
}

/** Check fill stars removed, and digits OCR split at a separator rejoined ("18, 746 .75" → "18,746.75"). */
const unstar = (text: string): string =>
  text
    .replace(/\*+/g, " ")
    .replace(/(\d)\s+([.,]\d{2})(?!\d)/g, "$1$2")
    .replace(/(?<!\d)(\d{1,3}),\s+(\d{3})(?!\d)/g, "$1,$2");

function cents(a: FoundAmount): bigint {
  const n = a.value.units * 1_000_000_000n + BigInt(a.value.nanos);
  return (n < 0n ? -n : n) / 10_000_000n;
}

/** The check number: labelled ("Check No. 95888"), else a lone 3–8 digit number in the top right. */
export function findCheckNumber(doc: LayoutDoc): { value: string; evidence: Evidence } | undefined {
  const labelled = findBest(doc, { labels: ["check number", "cheque number", "chk number", "number"] }, (t) => {
    const m = /^(\d{2,10})\b(?![.,]\d)/.exec(stripSeparators(t));
    return m?.[1] ? { value: m[1], raw: m[1] } : undefined;
  });
  if (labelled) return { value: labelled.value, evidence: labelled };
  const lone = doc.lines.find((l) => /^\s*(?:no\.?\s*)?\d{3,8}\s*$/i.test(l.text) && l.rect.x0 > 0.55 && l.rect.y0 < 0.3);
  const digits = lone?.text.replace(/\D/g, "");
  return lone && digits ? { value: digits, evidence: { raw: digits, line: lone, quality: 0.85 } } : undefined;
}

/**
 * Whether the check is signed: a picture (the signature image) in the lower
 * right where the signature line is, or handwriting-like text just above a
 * "signature" caption. Returns the evidence and whether it was found.
 */
export function findSignature(doc: LayoutDoc): { signed: boolean; evidence?: Evidence } {
  const picture = doc.blocks.find(
    (b) => b.category === LayoutCategory.PICTURE && (b.rect.x0 + b.rect.x1) / 2 > 0.5 && b.rect.y0 > 0.5 && b.rect.y1 < 0.95,
  );
  const caption = doc.lines.find((l) => /signature|authori[sz]ed/i.test(l.text));
  if (picture) {
    const line: DocLine = { block: picture, text: "", rect: picture.rect, seq: -1, indexInBlock: 0 };
    return { signed: true, evidence: { raw: "", line, quality: 0.85 } };
  }
  if (caption) {
    const above = doc.lines.find(
      (l) => l !== caption && l.rect.y1 <= caption.rect.y0 + 0.01 && caption.rect.y0 - l.rect.y1 < 0.08 && l.rect.x1 > caption.rect.x0 && l.rect.x0 < caption.rect.x1 && !looksLikeMicr(l.text),
    );
    return above ? { signed: true, evidence: { raw: above.text, line: above, quality: 0.6 } } : { signed: false, evidence: { raw: caption.text, line: caption, quality: 0.6 } };
  }
  // OCR engines give no picture: handwriting reads as a stray word where the signature goes (lower right).
  const scribble = doc.lines.find(
    (l) => l.rect.x0 >= 0.5 && l.rect.y0 >= 0.6 && l.rect.y1 <= 0.9 && !looksLikeMicr(l.text) && findMoney(unstar(l.text)).length === 0 && !/memo|signature|authori[sz]ed|void/i.test(l.text),
  );
  if (scribble) return { signed: true, evidence: { raw: "", line: scribble, quality: 0.5 } };
  // No signature image and no signature line: most likely unsigned, said with low confidence.
  const last = doc.lines.at(-1);
  return last ? { signed: false, evidence: { raw: "", line: last, quality: 0.4 } } : { signed: false };
}
