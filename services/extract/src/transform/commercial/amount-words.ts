/**
 * Reads the legal (written) amount of a check: "One Thousand Two Hundred
 * Thirty-Four and 56/100", "Eighteen Thousand Seven Hundred Forty-Six
 * Dollars and 75 Cents", "Five hundred and no/100 dollars", "Twelve and
 * xx/100". Hand-written because no dependency offers English number words
 * with the check conventions (n/100 fractions, "no/100", "cents").
 */

const UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Readonly<Record<string, number>> = { thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };
const NUMBER_WORD = new RegExp(`\\b(?:${[...Object.keys(UNITS), "hundred", ...Object.keys(SCALES)].join("|")})\\b`, "i");

/** True when the text reads like a written amount. */
export function looksLikeAmountWords(text: string): boolean {
  const words = text.match(new RegExp(NUMBER_WORD.source, "gi")) ?? [];
  return words.length >= 2 || (words.length >= 1 && /\/\s*100|dollars?|cents?/i.test(text));
}

/** The words as an amount in cents, or undefined when they do not spell a number. */
export function parseAmountWords(text: string): bigint | undefined {
  let s = text.toLowerCase().replace(/[*]+/g, " ").replace(/[‐-―-]/g, " ").replace(/\s+/g, " ").trim();
  s = s.replace(/^pay\s+(?:the\s+sum\s+of\s+)?/, "").replace(/\b(?:only|exactly|us)\b/g, " ");
  let cents = 0;
  const fraction = /(?:\band\b|&)?\s*(\d{1,2}|no|xx|00)\s*\/\s*100\b/.exec(s);
  if (fraction) {
    cents = /^\d+$/.test(fraction[1]!) ? Number(fraction[1]) : 0;
    s = s.slice(0, fraction.index) + s.slice(fraction.index + fraction[0].length);
  } else {
    // The last "and" starts the cents: "One Thousand and Two Hundred Dollars and Fifty Cents".
    const centWords = /^(.*)\band\s+([a-z\s]+?|\d{1,2})\s+cents?\b(.*)$/.exec(s);
    if (centWords) {
      const value = /^\d+$/.test(centWords[2]!) ? Number(centWords[2]) : wordsToNumber(centWords[2]!);
      if (value === undefined || value > 99) return undefined;
      cents = value;
      s = `${centWords[1]} ${centWords[3]}`;
    }
  }
  s = s.replace(/\bdollars?\b|\bcents?\b/g, " ").replace(/\band\b/g, " ").trim();
  const digits = /^\$?\s*(\d{1,3}(?:,\d{3})*|\d+)$/.exec(s);
  const dollars = digits ? Number(digits[1]!.replace(/,/g, "")) : wordsToNumber(s);
  if (dollars === undefined) return undefined;
  return BigInt(dollars) * 100n + BigInt(cents);
}

/** "two thousand eight hundred ninety nine" → 2899; undefined for anything that is not number words. */
export function wordsToNumber(text: string): number | undefined {
  const words = text.split(/[\s,]+/).filter((w) => w && w !== "and" && w !== "a");
  if (words.length === 0) return undefined;
  let total = 0;
  let current = 0;
  for (const word of words) {
    if (word in UNITS) current += UNITS[word]!;
    else if (word === "hundred") current = (current || 1) * 100;
    else if (word in SCALES) {
      total += (current || 1) * SCALES[word]!;
      current = 0;
    } else return undefined;
  }
  return total + current;
}
