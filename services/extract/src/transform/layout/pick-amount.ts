import type { Money } from "@docproc/gen/docproc/v1/values_pb.js";
import { findAmounts } from "../../fields/find-amounts.js";

/**
 * The amount a value line holds: the line's only amount, else its last amount
 * printed with cents or a currency sign ("AA 6,660.11" → 6,660.11). A bare
 * integer counts only when it is the whole line, and — unless shortIntegers
 * (the line sits in the label's own box) — has 3+ digits ("1500"), so a box
 * number ("13") or a year ("2024") in a neighbouring element is not read as
 * money.
 */
export function pickAmount(text: string, options: { shortIntegers?: boolean } = {}): { value: Money; raw: string } | undefined {
  const amounts = findAmounts(text);
  const trimmed = text.trim();
  const whole = amounts.find(
    (a) =>
      a.start === text.indexOf(trimmed) &&
      a.raw.length === trimmed.length &&
      (a.hasCents || a.hasSymbol || options.shortIntegers === true || (/\d{3}/.test(a.raw) && !/^(?:19|20)\d\d$/.test(a.raw))),
  );
  const chosen = whole ?? [...amounts].reverse().find((a) => a.hasCents || a.hasSymbol);
  return chosen && { value: chosen.value, raw: chosen.raw };
}
