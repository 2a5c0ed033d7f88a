import { create } from "@bufbuild/protobuf";
import { type W2Box12Item, W2Box12ItemSchema } from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import { MoneyFieldSchema } from "@docproc/gen/docproc/v1/values_pb.js";
import { findAmounts } from "../../fields/find-amounts.js";
import { presentMeta } from "../../fields/field-meta.js";
import type { LayoutReader } from "../layout-reader.js";
import { sourceOf } from "../layout/layout-cells.js";
import type { LabelHit } from "../layout/label-search.js";
import { lineConfidence } from "../layout/line-fields.js";
import type { ValueLine } from "../layout/value-region.js";
import { W2_BOX12_CODES } from "./w2-codes.js";

export const BOX12_SLOTS = ["a", "b", "c", "d"] as const;

/** What may follow a box 12 slot id on its line: a code and an amount ("12b DD 15,686.10"). */
export const BOX12_VALUE = /^(?:code\s*)?[A-Z]{1,2}\b/i;

const CODE_BEFORE = /(?:^|[\s|:])(?:code\s*[:#]?\s*)?([A-Za-z]{1,2})\s*[|:\-–]?\s*(?:amount\s*[:#]?\s*)?$/i;

interface Pair {
  code: string;
  amountRaw: string;
  amount: NonNullable<ReturnType<typeof findAmounts>[number]>["value"];
}

/** The code/amount pairs of a text: each amount with cents or "$" and the 1-2 letter code printed before it. */
export function box12Pairs(text: string): Pair[] {
  const pairs: Pair[] = [];
  let from = 0;
  for (const a of findAmounts(text).filter((x) => x.hasCents || x.hasSymbol)) {
    const m = CODE_BEFORE.exec(text.slice(from, a.start));
    from = a.end;
    const code = m?.[1]?.toUpperCase() ?? "";
    pairs.push({ code, amountRaw: a.raw, amount: a.value });
  }
  return pairs;
}

function item(slot: string, pair: Pair, hit: LabelHit, line: ValueLine): W2Box12Item {
  const source = sourceOf(line.cell);
  const confidence = lineConfidence(hit, line) * (W2_BOX12_CODES.has(pair.code) ? 1 : 0.6);
  return create(W2Box12ItemSchema, {
    slot,
    code: pair.code,
    amount: create(MoneyFieldSchema, { value: pair.amount, meta: presentMeta(source, pair.amountRaw, lineConfidence(hit, line)) }),
    meta: presentMeta(source, pair.code, confidence),
  });
}

/**
 * Box 12a-12d, in slot order, empty slots left out. Each slot's own label
 * ("12a", "12b DD 15,686.10") is read first; a layout that prints box 12 as
 * one block of "code amount" lines is read in order into slots a-d.
 */
export function readBox12(reader: LayoutReader): W2Box12Item[] {
  const out: W2Box12Item[] = [];
  let slotsFound = 0;
  for (const slot of BOX12_SLOTS) {
    const hit = reader.hits(`box12${slot}`)[0];
    if (!hit) continue;
    slotsFound++;
    const lines = reader.valueLines(hit, 2);
    const first = lines[0];
    if (!first) continue;
    // A code on one line and its amount on the next ("D" / "4357.20").
    const text = findAmounts(first.text).length === 0 && lines[1] ? `${first.text} ${lines[1].text}` : first.text;
    const pair = box12Pairs(text)[0];
    if (pair) out.push(item(slot, pair, hit, first));
  }
  if (out.length > 0 || (slotsFound > 0 && !reader.hits("box12")[0])) return out;
  // Box 12 printed as one block of "code amount" lines, or slot ids OCR lost: read the lines under the box 12 label in order.
  const whole = reader.hits("box12")[0];
  if (!whole) return out;
  const own = reader.valueLines(whole, 4);
  const below = own.length > 0 && !own[0]!.adjacent ? (reader.neighbors(whole, 4).find((c) => c.some((l) => box12Pairs(l.text).length > 0)) ?? []) : [];
  const pairs = [...own, ...below].flatMap((line) => box12Pairs(line.text).map((pair) => ({ pair, line })));
  return pairs.slice(0, 4).map(({ pair, line }, i) => item(BOX12_SLOTS[i]!, pair, whole, line));
}
