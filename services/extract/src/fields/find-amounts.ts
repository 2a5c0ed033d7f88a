import { type ParsedMoney, parseMoney } from "./money.js";

/** An amount found inside a longer text. */
export interface FoundAmount extends ParsedMoney {
  /** The amount as printed (including "$", sign and CR/DR). */
  raw: string;
  /** Start offset of raw in the text. */
  start: number;
  /** End offset (exclusive). */
  end: number;
  /** True when the amount printed cents ("12.50"), a strong sign it is money. */
  hasCents: boolean;
  /** True when a currency symbol or code was printed. */
  hasSymbol: boolean;
}

/** Tokens that may stand apart from the digits of one amount: "$ 12.50", "12.50 CR", "USD 10", "+ $701.23". */
const DECORATOR = /^(?:US\$|[$€£(]|\$\(|-\$?|\+(?:US)?[$€£]?|\)|CR\.?|DR\.?|USD|EUR|GBP|CAD)$/i;

/**
 * Finds the amounts in a text, in order: "$ 1,234.56", "(12.50)", "45.12-",
 * "12.00 CR", "+$701.23", "1.234,56", "1200". Dates, percentages, phone numbers and digits glued to
 * letters ("2b", "A2018130") are not amounts (parseMoney rejects them). Bare
 * integers are returned too, with hasCents false, because some layouts print
 * whole-dollar amounts; callers decide whether to accept them.
 */
export function findAmounts(text: string): FoundAmount[] {
  const tokens = [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index }));
  const found: FoundAmount[] = [];
  let i = 0;
  while (i < tokens.length) {
    let taken = 0;
    // Try the widest span first so "$ 12.50 CR" wins over "12.50".
    for (let span = Math.min(4, tokens.length - i); span >= 1 && taken === 0; span--) {
      const group = tokens.slice(i, i + span);
      const digitTokens = group.filter((t) => /\d/.test(t.text));
      if (digitTokens.length !== 1) continue;
      if (!group.every((t) => /\d/.test(t.text) || DECORATOR.test(t.text))) continue;
      const start = group[0]!.start;
      const lastTok = group[span - 1]!;
      let raw = text.slice(start, lastTok.start + lastTok.text.length);
      raw = raw.replace(/[,;:]+$/, "").replace(/(\d)\.$/, "$1");
      const parsed = parseMoney(raw);
      if (!parsed) continue;
      // "12.50 %" is a rate, not money.
      if (/^\s*(?:%|percent\b)/i.test(text.slice(start + raw.length))) continue;
      found.push({
        ...parsed,
        raw,
        start,
        end: start + raw.length,
        // Cents after a decimal point, or a decimal comma ("12,50", "1.234,56") that parseMoney took as such.
        hasCents: /\.\d{2,}/.test(raw) || /\d,\d{2}(?![\d,])/.test(raw),
        hasSymbol: /[$€£]|\b(?:USD|EUR|GBP|CAD)\b/i.test(raw),
      });
      taken = span;
    }
    i += Math.max(1, taken);
  }
  return found;
}
