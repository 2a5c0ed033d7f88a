import { CENT_NANOS, type FoundAmount } from "../../fields/index.js";
import { type ItemDraft, readQuantity } from "./item-draft.js";
import type { DocLine, LayoutDoc } from "./layout-doc.js";
import { extendedNanos } from "./line-items.js";
import { near, nanos } from "./money-util.js";
import { collapseSpaces, trimPunctuation } from "./text-clean.js";
import { findMoney } from "./value-tokens.js";

/** A leading product code ("SKU-38953 Copy paper", "10042 Widget"). */
const CODE = /^([A-Z]{1,6}[-_]?\d[\w-]*|\d{4,}[-\w]*)\s+(?=[A-Za-z])/;

/** Item rows of every line that reads "description qty unit-price amount" (see textItemRow). */
export function textItemRows(doc: LayoutDoc): ItemDraft[] {
  return doc.lines.flatMap((line) => textItemRow(line) ?? []);
}

/** "Widget, blue 2 $4.50 $9.00" → description, quantity 2, unit 4.50, amount 9.00 (only when 2 × 4.50 = 9.00). */
export function textItemRow(line: DocLine): ItemDraft | undefined {
  const numbers = trailingNumbers(line.text);
  if (numbers.length < 3) return undefined;
  const [q, u, a] = numbers.slice(-3) as [FoundAmount, FoundAmount, FoundAmount];
  const quantity = readQuantity(q.raw);
  if (!quantity || q.hasSymbol) return undefined;
  const ext = extendedNanos(quantity.value, u.value);
  if (ext === undefined || !near(ext, nanos(a.value), CENT_NANOS)) return undefined;
  let description = trimPunctuation(collapseSpaces(line.text.slice(0, q.start).replace(/\|/g, " ")));
  const code = CODE.exec(description);
  if (code) description = description.slice(code[0].length);
  if (!/[A-Za-z]{2}/.test(description)) return undefined;
  return { line, description, ...(code?.[1] ? { code: code[1] } : {}), quantity, unitPrice: u, amount: a };
}

function trailingNumbers(text: string): FoundAmount[] {
  const all = findMoney(text, true);
  const out: FoundAmount[] = [];
  let end = text.replace(/[\s|]+$/, "").length;
  for (let i = all.length - 1; i >= 0 && out.length < 4; i--) {
    const a = all[i]!;
    if (text.slice(a.end, end).replace(/[\s|xX@×]/g, "") !== "") break;
    out.unshift(a);
    end = a.start;
  }
  return out;
}
