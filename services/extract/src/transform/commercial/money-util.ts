import type { Money } from "@docproc/gen/docproc/v1/values_pb.js";
import { CENT_NANOS, moneyFromNanos, moneyToNanos } from "../../fields/index.js";

/** Half a cent, in nanos: amounts this close are equal. */
export const HALF_CENT = CENT_NANOS / 2n;

/** The amount without its sign (statement summaries are magnitudes). */
export function magnitude(m: Money): Money {
  const n = moneyToNanos(m);
  return n < 0n ? moneyFromNanos(-n, m.currencyCode || "USD") : m;
}

/** The amount with the given sign (1 or -1) applied to its magnitude. */
export function withSign(m: Money, sign: 1 | -1): Money {
  const n = moneyToNanos(m);
  const abs = n < 0n ? -n : n;
  return moneyFromNanos(sign < 0 ? -abs : abs, m.currencyCode || "USD");
}

export function nanos(m: Money | undefined): bigint {
  return m ? moneyToNanos(m) : 0n;
}

export function absNanos(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/** True when |a - b| <= tolerance (nanos). */
export function near(a: bigint, b: bigint, tolerance = HALF_CENT): boolean {
  return absNanos(a - b) <= tolerance;
}

/** Money from nanos in a currency. */
export function money(n: bigint, currency = "USD"): Money {
  return moneyFromNanos(n, currency);
}

/** Sum of the present amounts, in nanos. */
export function sumNanos(values: ReadonlyArray<Money | undefined>): bigint {
  return values.reduce<bigint>((s, m) => s + nanos(m), 0n);
}
