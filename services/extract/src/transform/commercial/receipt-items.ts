import { CENT_NANOS, type FoundAmount } from "../../fields/index.js";
import type { ItemDraft } from "./item-draft.js";
import type { LayoutDoc } from "./layout-doc.js";
import { extendedNanos } from "./line-items.js";
import { near, nanos } from "./money-util.js";
import { collapseSpaces, trimPunctuation } from "./text-clean.js";
import { findMoney, findPhones, normalizeDecimal } from "./value-tokens.js";

/** The first summary line ends the items. */
const SUMMARY = /^(?:sub\s*-?\s*total|total|balance\s+due|amount\s+due|grand\s+total|net\s+total)\b/i;
/** Lines that are never items even with an amount. */
const NOT_ITEM = /^(?:tax|sales\s+tax|tip|gratuity|change|cash|tender|visa|master\s*card|amex|discover|debit|credit|payment|auth|approval|card|you\s+saved|savings\s+total)\b/i;
/** "2 @ 4.49", "1.25 lb @ 3.99/lb", "3 x $1.99", "2 @ 4.49 ea". */
const QTY_AT = /(?:^|\s)(\d+(?:\.\d+)?)[.,]?\s*(?:(lbs?|kg|oz|g|gal|ea)\.?\s*)?(?:@|x|×)\s*\$?(\d+\.\d{1,3})\s*(?:\/\s*(?:lbs?|kg|oz|g|gal|ea)\.?|ea(?:ch)?\.?)?(?=\s|$)/i;
/** Tax/department flags printed after the description ("T", "F", "TX", "N"). */
const FLAG = /\s+(?:T|F|N|X|S|B|TX|NT|TF|FS|\*)$/;

interface QtyAt {
  quantity: string;
  raw: string;
  unitRaw: string;
  unit: FoundAmount | undefined;
}

function qtyAt(text: string): (QtyAt & { index: number; length: number }) | undefined {
  const m = QTY_AT.exec(text);
  if (!m?.[1] || !m[3]) return undefined;
  const unit = findMoney(m[3], true)[0];
  return { quantity: normalizeDecimal(m[1]), raw: m[0].trim(), unitRaw: m[3], unit, index: m.index, length: m[0].length };
}

/**
 * Items of a thermal receipt: lines with a description and a price at the
 * right, up to the first subtotal/total line. Quantity forms: a line
 * "2 @ 4.49" under (or above) its item, inline "ITEM 2 @ 4.49 8.98", a
 * leading count "3 BLUEBERRY MUFFIN 10.80" (only when the amount divides
 * evenly), weights "1.25 lb @ 3.99/lb".
 */
export function receiptItemRows(doc: LayoutDoc): ItemDraft[] {
  const drafts: ItemDraft[] = [];
  let pendingQty: QtyAt | undefined;
  let lastText = "";
  for (const line of doc.lines) {
    // Tax flags may follow the price too ("MILK 3.99 F"): drop them so the price ends the line.
    const text = collapseSpaces(line.text.replace(/\s\|\s/g, " ")).replace(/(\d[.,]\d{2})\s+(?:[A-Z]{1,2}|\*)$/, "$1");
    if (SUMMARY.test(text)) break;
    const amounts = findMoney(text);
    const last = amounts.at(-1);
    const standalone = qtyAt(text);
    if (standalone && (!last || standalone.index + standalone.length >= text.length - 1 || text.slice(standalone.index + standalone.length).trim() === "")) {
      const previous = drafts.at(-1);
      if (previous && !previous.quantity && matches(standalone, previous.amount) && standalone.index === 0) attach(previous, standalone);
      else pendingQty = standalone;
      continue;
    }
    if (!last || text.slice(last.end).trim() !== "" || NOT_ITEM.test(text) || findPhones(text).length > 0) {
      lastText = last ? "" : text;
      continue;
    }
    let description = text.slice(0, last.start);
    const inline = qtyAt(description);
    if (inline) description = description.slice(0, inline.index) + description.slice(inline.index + inline.length);
    // A weighed item prints its name on the line above: "BANANAS" / "1.25 lb @ 0.59/lb 0.74".
    if (inline && !/[A-Za-z]{2}/.test(description.replace(/\b(?:lbs?|kg|oz|ea)\b/gi, ""))) description = lastText;
    const draft: ItemDraft = { line, description: "", amount: last };
    const lead = /^(\d{1,3})\s*(?:x\s+|X\s+|×\s*)?(?=[A-Za-z])/.exec(description.trim());
    if (!inline && lead?.[1] && divides(last, lead[1])) {
      draft.quantity = { value: normalizeDecimal(lead[1]), raw: lead[1] };
      description = description.trim().slice(lead[0].length);
    }
    draft.description = trimPunctuation(collapseSpaces(description)).replace(FLAG, "").trim();
    if (!/[A-Za-z]{2}/.test(draft.description)) continue;
    const qty = inline ?? (pendingQty && matches(pendingQty, last) ? pendingQty : undefined);
    if (qty) attach(draft, qty);
    pendingQty = undefined;
    lastText = "";
    drafts.push(draft);
  }
  return drafts;
}

function attach(draft: ItemDraft, q: QtyAt): void {
  draft.quantity = { value: q.quantity, raw: q.raw };
  if (q.unit) draft.unitPrice = q.unit;
}

function matches(q: QtyAt, amount: FoundAmount | undefined): boolean {
  if (!amount || !q.unit) return false;
  const ext = extendedNanos(q.quantity, q.unit.value);
  return ext !== undefined && near(ext, nanos(amount.value), CENT_NANOS);
}

function divides(amount: FoundAmount, quantity: string): boolean {
  const q = BigInt(quantity);
  return q > 0n && (nanos(amount.value) / 10_000_000n) % q === 0n;
}
