import type { LabelSpec } from "./label-pattern.js";

/*
 * Invoice label synonyms, English first, with the common German, Dutch and
 * French forms seen on European invoices. Specific before generic.
 */

export const INVOICE_ID: LabelSpec = {
  labels: [
    "invoice number",
    "invoice id",
    "inv number",
    "bill number",
    "document number",
    "rechnungsnummer",
    "rechnung number",
    "factuurnummer",
    "factuur number",
    "facture number",
    "numero de facture",
    "invoice",
    "rechnung",
    "factuur",
    "facture",
  ],
};

export const INVOICE_DATE: LabelSpec = {
  labels: ["invoice date", "date of issue", "issue date", "date issued", "issued on", "issued", "dated", "billing date", "bill date", "rechnungsdatum", "factuurdatum", "date de facture", "datum", "date"],
  reject: /due|ship|order|deliver|payment|service|period|paid|print|lieferdatum/i,
};

export const DUE_DATE: LabelSpec = {
  labels: ["payment due date", "due date", "date due", "payment due", "due by", "pay by", "faelligkeitsdatum", "fälligkeitsdatum", "vervaldatum", "date d'échéance", "due"],
};

export const PURCHASE_ORDER: LabelSpec = {
  labels: ["purchase order number", "purchase order", "customer po", "po number", "order number", "your order number", "bestellnummer"],
};

export const PAYMENT_TERMS: LabelSpec = {
  labels: ["payment terms", "terms of payment", "terms", "zahlungsbedingungen", "betalingstermijn"],
  reject: /conditions|and\s+conditions|&\s*conditions/i,
};

export const SUBTOTAL: LabelSpec = {
  labels: [
    "subtotal",
    "sub total",
    "net amount",
    "amount before tax",
    "total before tax",
    "total excluding tax",
    "total excl tax",
    "total excl vat",
    "net total",
    "zwischensumme",
    "nettobetrag",
    "subtotaal",
    "totaal excl",
    "total ht",
    "sous-total",
  ],
};

export const TAX: LabelSpec = {
  labels: ["total tax", "sales tax", "tax amount", "vat amount", "tax", "vat", "gst", "hst", "pst", "mwst", "ust", "btw", "tva", "iva"],
  reject: /tax\s*(?:id|number|no\b|#|exempt|reg)|vat\s*(?:id|number|no\b|#|reg)|before\s+tax|excl|incl|pre-?tax|taxable/i,
};

export const TAX_RATE: LabelSpec = { labels: ["tax rate", "sales tax rate", "vat rate", "vat %", "tax %"] };

export const DISCOUNT: LabelSpec = { labels: ["total discount", "less discount", "discount amount", "discount", "rabatt", "korting", "remise"] };

export const SHIPPING: LabelSpec = {
  labels: ["shipping and handling", "shipping handling", "shipping", "s and h", "freight", "delivery", "postage", "handling", "versandkosten", "verzendkosten", "frais de port"],
  reject: /address|method|date|to\b|via/i,
};

export const TOTAL: LabelSpec = {
  labels: [
    "invoice total",
    "grand total",
    "total amount",
    "total invoice amount",
    "amount total",
    "total due",
    "total",
    "gesamtbetrag",
    "gesamtsumme",
    "totaal",
    "total ttc",
    "montant total",
  ],
  reject: /sub\s*-?\s*total|total\s+(?:tax|discount|savings|items?|qty|quantity|hours|units|weight|paid|deposit|credits?|payments?|excl|before|net)|before\s+tax|excl|\bht\b|net\s+total/i,
};

export const AMOUNT_PAID: LabelSpec = {
  labels: ["amount paid", "total paid", "payments received", "payment received", "less deposit", "deposit received", "less payment", "credits applied", "paid to date", "prepaid", "deposit", "paid", "payments"],
  reject: /terms|method|by\s+check/i,
};

export const AMOUNT_DUE: LabelSpec = {
  labels: ["amount due", "balance due", "total due", "amount payable", "please pay", "balance", "te betalen", "zu zahlen", "net à payer"],
  reject: /past\s+due|previous|prior|forward/i,
};

/** Words of company names, a hint for the vendor's header line. */
export const COMPANY_WORDS =
  /\b(?:llc|llp|pllc|inc|corp|corporation|co|company|ltd|limited|gmbh|ag|b\.?v\.?|s\.?a\.?|plc|solutions|services|group|studio|design|consulting|partners|associates|enterprises|industries|technologies|systems|supply|supplies|outfitters|works|labs?)\b\.?/i;
