import { findEmails, findPhones } from "./value-tokens.js";

/*
 * Shape tests for single lines: is this a person/company name, a street line,
 * a "City, ST 12345" line, a party label ("Bill To")? They are deliberately
 * about form, not about any one template's words.
 */

/** "Bill To", "Ship To:", "Customer: Acme Co" — the label and what follows it on the line. */
export const PARTY_LABEL =
  /^(bill(?:ed)?\s*to|invoice\s*to|sold\s*to|ship(?:ped)?\s*to|deliver(?:y|ed)?\s*to|customer|client|remit(?:\s*payment)?\s*to|from|vendor|supplier|seller|buyer|to|service\s*(?:address|location)|shipping\s*address|billing\s*address|mailing\s*address|(?:make\s*checks\s*)?payable\s*to|account\s*holder|prepared\s*for|recipient|attention|sold\s*by)\b\s*[:\-]?\s*(.*)$/i;

const GENERIC_WORDS =
  /\b(?:statements?|invoices?|receipts?|factuur|rechnung|facture|fattura|factura|bill\s+to|ship\s+to|page\s+\d|period|summary|subtotal|balance|amount|date|due|account\s+(?:number|summary|activity|type)|payment|transactions?|description|products?|qty|quantity|customer\s+service|thank\s+you|www\.|https?:|continued)\b/i;

/** True for a line that reads like a name (person or organisation) rather than data or prose. */
export function isNameLike(text: string): boolean {
  const t = text.trim();
  if (t.length < 2 || t.length > 60) return false;
  if (findEmails(t).length > 0 || findPhones(t).length > 0 || /[:@$%|]/.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length > 8) return false;
  const letters = (t.match(/[A-Za-z]/g) ?? []).length;
  const digits = (t.match(/\d/g) ?? []).length;
  return letters >= 2 && digits <= 4 && letters > digits * 3;
}

const LEGAL_FORM = /\b(?:llc|llp|pllc|inc|corp|co|ltd|gmbh|ag|bv|b\.v|sa|plc|na|n\.a|usa)\b\.?/gi;

/** True for a line that reads like a name and is not a generic document word (nor a bare "Inc." or "Co."). */
export function isOrgOrPersonName(text: string): boolean {
  const letters = text.replace(LEGAL_FORM, "").replace(/[^A-Za-z]/g, "");
  return letters.length >= 3 && isNameLike(text) && !GENERIC_WORDS.test(text) && !PARTY_LABEL.test(text);
}

/** True for a street-address line: "92 PINE AVE", "P.O. Box 8847", "Suite 200". */
export function isStreetLine(text: string): boolean {
  const t = text.trim();
  return (
    /^\d+[A-Za-z]?(?:-\d+)?\s+\S/.test(t) ||
    /^P\.?\s?O\.?\s*Box\b/i.test(t) ||
    /^(?:suite|ste|apt|unit|floor|fl|bldg|building|room|rm|#)\.?\s*#?\s*\w+/i.test(t)
  );
}

/** "Attn: Carol Hill", "c/o Jane Roe": care-of lines, not part of the postal address. */
export function isCareOfLine(text: string): boolean {
  return /^(?:attn|attention|c\/o|care\s+of)\b/i.test(text.trim());
}

/** True when the text ends in a US ZIP code ("HARTFORD CT 06126", "Phoenix, AZ 85044-1234"). */
export function endsWithZip(text: string): boolean {
  return /(?:^|[\s,])[A-Za-z]{2}\.?,?\s+\d{5}(?:-\d{4})?\s*$/.test(text.trim());
}

/** Splits a line on visual separators (" | ", " · ", " • "). */
export function segmentsOf(text: string): string[] {
  return text
    .split(/\s+[|·•–-]\s+|\s{3,}/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The part of a line before a "Label: value" pair that follows it on the same
 * line, for OCR lines that ran two columns together ("WEI SORENSEN Account
 * Number: 5541…" → "WEI SORENSEN").
 */
export function leftColumn(text: string): string {
  const m = /\s(?:[A-Z][A-Za-z.#/&'-]*)(?:\s[A-Za-z.#/&'-]+){0,3}:(?:\s|$)/.exec(text);
  return m && m.index > 0 ? text.slice(0, m.index).trim() : text;
}

/** OCR reads a logo left of the name as stray marks ("(= Copper Canyon Bank", "I Highgate …"): drop them. */
export function dropLogoNoise(text: string): string {
  let s = text;
  for (;;) {
    const next = s
      .replace(/^(?:[^A-Za-z0-9\s]+|[B-HJ-Zb-z]|I(?=\s+[A-Z][a-z]))\s+(?=\S+\s+\S)/, "")
      .replace(/(?<=\S\s+\S+)\s+(?:[^A-Za-z0-9\s]+|[a-z])$/, "");
    if (next === s) return s;
    s = next;
  }
}

