import type { Evidence } from "./field-build.js";
import type { DocLine, LayoutDoc } from "./layout-doc.js";

const SYMBOLS: Array<[RegExp, string]> = [
  [/€/, "EUR"],
  [/£/, "GBP"],
  [/₹|\bRs\.?\s?\d/, "INR"],
  [/¥/, "JPY"],
  [/\b(?:C|CA|CAN)\$/, "CAD"],
  [/\b(?:A|AU)\$/, "AUD"],
];
const CODES = /\b(USD|EUR|GBP|CAD|AUD|INR|JPY|CHF|MXN|SEK|NOK|DKK|PLN|CZK|NZD|SGD|HKD|ZAR)\b/;

export interface Currency {
  code: string;
  /** Where the code or symbol was printed; undefined when USD is assumed. */
  evidence?: Evidence;
}

/**
 * The document's currency: a code printed next to a currency label or an
 * amount ("Currency: EUR", "Amount Due (USD)", "EUR 56,02"), else the symbol
 * printed with the amounts (€ £ ₹ ¥ C$ A$), else USD (assumed, no evidence).
 */
export function findCurrency(doc: LayoutDoc): Currency {
  const counts = new Map<string, { n: number; line: DocLine; raw: string }>();
  const bump = (code: string, line: DocLine, raw: string, weight: number): void => {
    const c = counts.get(code);
    counts.set(code, { n: (c?.n ?? 0) + weight, line: c?.line ?? line, raw: c?.raw ?? raw });
  };
  for (const line of doc.lines) {
    const code = CODES.exec(line.text);
    if (code?.[1]) bump(code[1], line, code[1], /currency|amount|total|due|\d/i.test(line.text) ? 3 : 1);
    for (const [re, iso] of SYMBOLS) {
      const m = re.exec(line.text);
      if (m) bump(iso, line, m[0], 1);
    }
    if (/\$\s?\d/.test(line.text)) bump("USD", line, "$", 0.5);
  }
  const best = [...counts.entries()].sort((a, b) => b[1].n - a[1].n)[0];
  if (!best) return { code: "USD" };
  const [code, hit] = best;
  if (code === "USD" && hit.raw === "$") return { code, evidence: { raw: "$", line: hit.line, quality: 0.6 } };
  return { code, evidence: { raw: hit.raw, line: hit.line, quality: 0.9 } };
}
