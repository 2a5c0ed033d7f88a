import { create } from "@bufbuild/protobuf";
import { type LineItem, LineItemSchema } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import type { Money } from "@docproc/gen/docproc/v1/values_pb.js";
import { decimalField, metaOf, moneyField, textField } from "./field-build.js";
import type { ItemDraft } from "./item-draft.js";
import { money, nanos } from "./money-util.js";

const CENT = 10_000_000n;

/** A decimal string as a fraction n / 10^k. */
function fraction(decimal: string): { n: bigint; scale: bigint } | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!m) return undefined;
  const frac = m[2] ?? "";
  return { n: BigInt(m[1]! + frac), scale: 10n ** BigInt(frac.length) };
}

/** quantity × unit price, rounded half up to the cent (nanos). */
export function extendedNanos(quantity: string, unit: Money): bigint | undefined {
  const q = fraction(quantity);
  if (!q) return undefined;
  const raw = nanos(unit) * q.n;
  const cents = (raw + (q.scale * CENT) / 2n) / (q.scale * CENT);
  return cents * CENT;
}

/** amount / quantity when it is an exact number of cents. */
function unitFrom(amount: Money, quantity: string): Money | undefined {
  const q = fraction(quantity);
  if (!q || q.n === 0n) return undefined;
  const scaled = nanos(amount) * q.scale;
  if (scaled % q.n !== 0n) return undefined;
  const unit = scaled / q.n;
  return unit % CENT === 0n ? money(unit, amount.currencyCode) : undefined;
}

/**
 * LineItems from drafts. Missing parts are derived when the arithmetic is
 * exact (unit price = amount ÷ quantity, amount = quantity × unit price),
 * with lower confidence. With `impliedQuantity` (receipts), a line with only
 * an amount has quantity 1 and unit price = amount.
 */
export function toLineItems(drafts: readonly ItemDraft[], impliedQuantity = false): LineItem[] {
  return drafts.map((d) => {
    const e = (raw: string, quality = 0.95) => ({ raw, line: d.line, quality });
    let quantity = d.quantity ? { value: d.quantity.value, ev: e(d.quantity.raw) } : undefined;
    let unit = d.unitPrice ? { value: d.unitPrice.value, ev: e(d.unitPrice.raw) } : undefined;
    let amount = d.amount ? { value: d.amount.value, ev: e(d.amount.raw) } : undefined;
    if (!quantity && impliedQuantity && amount && !unit) {
      quantity = { value: "1", ev: e("", 0.5) };
      unit = { value: amount.value, ev: e(amount.ev.raw, 0.5) };
    }
    if (quantity && amount && !unit) {
      const derived = unitFrom(amount.value, quantity.value);
      if (derived) unit = { value: derived, ev: e("", 0.6) };
    }
    if (quantity && unit && !amount) {
      const ext = extendedNanos(quantity.value, unit.value);
      if (ext !== undefined) amount = { value: money(ext, unit.value.currencyCode), ev: e("", 0.6) };
    }
    if (!quantity && unit && amount && nanos(unit.value) !== 0n && nanos(amount.value) % nanos(unit.value) === 0n) {
      quantity = { value: String(nanos(amount.value) / nanos(unit.value)), ev: e("", 0.6) };
    }
    return create(LineItemSchema, {
      description: textField(d.description || undefined, d.description ? e(d.description) : undefined),
      quantity: decimalField(quantity?.value, quantity?.ev),
      unitPrice: moneyField(unit?.value, unit?.ev),
      amount: moneyField(amount?.value, amount?.ev),
      productCode: textField(d.code, d.code ? e(d.code) : undefined),
      meta: metaOf(e(d.line.text)),
    });
  });
}
