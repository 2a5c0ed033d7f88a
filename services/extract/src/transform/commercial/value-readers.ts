import type { Date as DocDate, MaskedNumber } from "@docproc/gen/docproc/v1/values_pb.js";
import { type DateContext, type ParsedMoney, parseMaskedNumber } from "../../fields/index.js";
import type { Reader } from "./label-finder.js";
import { trimPunctuation } from "./text-clean.js";
import { dateAtStart, findPercents, idAtStart, moneyAtStart } from "./value-tokens.js";

/*
 * Readers take the text right after a label and read one value at its start.
 * A value further away is never taken, which is what keeps "Late payment
 * warning: ... a late fee of up to $40.00" from becoming a fee amount.
 */

const DATE_WORDS = "(?:on|as\\s+of|at|for|from|dated|ending|thru|through)";

/**
 * Qualifiers allowed between a label and an amount: "on 08/15/2024", "(3)",
 * "(USD)", and with `skipRate` a rate such as "7.25%" or "(8.25%)" (tax lines).
 */
function stripMoneyQualifiers(text: string, context: DateContext, skipRate: boolean): string {
  let s = text.trimStart();
  for (let i = 0; i < 4; i++) {
    const before = s;
    const dateWord = new RegExp(`^${DATE_WORDS}\\s+`, "i").exec(s);
    if (dateWord) {
      const date = dateAtStart(s.slice(dateWord[0].length), context);
      if (date) s = s.slice(dateWord[0].length + date.end);
    }
    s = s
      .replace(/^\(\s*\d{1,4}\s*(?:items?)?\s*\)/i, "")
      .replace(/^\(\s*[A-Z]{3}\s*\)/, "")
      .replace(skipRate ? /^\(?\s*@?\s*\d{1,2}(?:\.\d+)?\s?%\s*\)?/ : /^(?!)/, "")
      .replace(/^[\s:=|]+/, "")
      // Leader dots/rules and OCR noise in their place ("SUBTOTAL ........ 153.54", "SUBTOTAL TTT 153.54").
      .replace(/^(?:[._\-~*·•]{2,}|([A-Za-z])\1{2,})(?=\s|$)\s*/, "");
    if (s === before) break;
  }
  return s;
}

/** An amount, possibly after qualifiers. */
export function readMoney(options: { allowInteger?: boolean; context?: DateContext; skipRate?: boolean } = {}): Reader<ParsedMoney> {
  return (text) => {
    const s = stripMoneyQualifiers(text, options.context ?? {}, options.skipRate ?? false);
    const found = moneyAtStart(s, options.allowInteger);
    return found ? { value: found, raw: found.raw } : undefined;
  };
}

/**
 * A date; one without a year ("Dec 25") only when the context can resolve it.
 * Day-first numeric dates ("07.05.2014", "20/10/2015") are parseDate's.
 */
export function readDate(context: DateContext = {}): Reader<DocDate> {
  return (text) => {
    const s = text.replace(/^(?:on|of|dated)\s+/i, "").replace(/^([A-Za-z]{3,9}\.?\s+\d{1,2}),(?=\d{4})/, "$1, ");
    const found = dateAtStart(s, context);
    return found && found.date.year > 0 ? { value: found.date, raw: found.raw } : undefined;
  };
}

/** A date; when the text is a range ("Opening/Closing Date 12/16/23 - 01/15/24") the range's end. */
export function readDateOrRangeEnd(context: DateContext = {}): Reader<DocDate> {
  const one = readDate(context);
  return (text) => {
    const first = one(text);
    if (!first) return undefined;
    const rest = text.slice(text.indexOf(first.raw) + first.raw.length);
    const connector = /^\s*(?:-|–|—|to|through|thru)\s*/i.exec(rest);
    return (connector && one(rest.slice(connector[0].length))) || first;
  };
}

/**
 * Free text up to the next cell, the next "Label:" pair or a wide gap.
 * Returns undefined for empty text and for text that is itself only a label
 * ending in a colon.
 */
export function readText(maxWords = 12): Reader<string> {
  return (text) => {
    let s = text.split(" | ")[0] ?? "";
    const nextLabel = /\s[A-Z][A-Za-z.#/&'()-]*(?:\s[A-Za-z.#/&'()-]+){0,4}:(?:\s|$)/.exec(s);
    if (nextLabel) s = s.slice(0, nextLabel.index);
    s = trimPunctuation(s);
    if (!/[A-Za-z0-9]/.test(s) || s.split(" ").length > maxWords) return undefined;
    return { value: s, raw: s };
  };
}

/** An identifier token with a digit ("INV-2023-55333", "084647"). */
export function readId(): Reader<string> {
  return (text) => {
    const found = idAtStart(text);
    return found ? { value: found.raw, raw: found.raw } : undefined;
  };
}

/** A small whole number ("30", "(3)"). */
export function readInt(max = 100000): Reader<number> {
  return (text) => {
    const m = /^\(?\s*(\d{1,6})\s*\)?(?![\d.,/:%])/.exec(text.trimStart());
    if (!m?.[1] || Number(m[1]) > max) return undefined;
    return { value: Number(m[1]), raw: m[1] };
  };
}

/** A percentage at the start ("26.99%", "26.99% (v)"). */
export function readPercent(): Reader<string> {
  return (text) => {
    const first = findPercents(text)[0];
    if (!first || text.slice(0, first.start).trim() !== "") return undefined;
    return { value: first.value, raw: first.raw };
  };
}

/** An account or card number, full or masked ("5541-2862-8736", "XXXX XXXX XXXX 4976", "ending in 7390"). */
export function readMasked(): Reader<MaskedNumber> {
  return (text) => {
    const m = /^(?:ending\s+(?:in|with)\s*:?\s*\d{4}|[A-Za-z]{0,3}[X*•●#xX\d.][X*•●#xX\d .-]*\d)/i.exec(text.trimStart());
    if (!m || !/\d{4}/.test(m[0].replace(/[\s-]/g, ""))) return undefined;
    const raw = m[0].trim();
    const value = parseMaskedNumber(raw);
    if (!value) return undefined;
    // Four digits alone are the document's own truncation ("Account ending 7390").
    if (!value.truncatedOnDocument && value.length <= 4) {
      value.truncatedOnDocument = true;
      value.length = 0;
    }
    return { value, raw };
  };
}
