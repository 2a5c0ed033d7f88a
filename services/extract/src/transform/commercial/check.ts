import { create } from "@bufbuild/protobuf";
import { type Check, CheckSchema } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { CheckState, type Money, type ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { findDates, parseMaskedNumber } from "../../fields/index.js";
import { findCheckNumber, findNumericAmount, findSignature, findWordsAmount } from "./check-parts.js";
import { type Evidence, addressField, checkboxField, dateField, maskedNumberField, moneyField, textField } from "./field-build.js";
import { findBest } from "./label-finder.js";
import { buildLayoutDoc, type DocLine, type LayoutDoc } from "./layout-doc.js";
import { isOrgOrPersonName } from "./line-shapes.js";
import { looksLikeMicr, parseMicr } from "./micr-line.js";
import { magnitude, money, nanos } from "./money-util.js";
import { findParties } from "./parties.js";
import { BANK_WORDS } from "./statement-labels.js";
import { validateCheck } from "./validate-check.js";
import { readDate, readText } from "./value-readers.js";

const FRACTIONAL = /\b\d{1,2}-\d{1,4}\s?\/\s?\d{3,4}\b/;

/** Layout → Check: number, date, payee, numeric and written amounts, memo, payer, bank, MICR fields, signature. */
export function transformCheck(pages: PageResult[]): { document: Check; issues: ValidationIssue[] } {
  const doc = buildLayoutDoc(pages);
  const number = findCheckNumber(doc);
  const micrLine = doc.lines.filter((l) => looksLikeMicr(l.text)).sort((a, b) => b.rect.y0 - a.rect.y0)[0];
  const micr = micrLine ? parseMicr(micrLine.text, number?.value) : undefined;
  const words = findWordsAmount(doc);
  const amount = findNumericAmount(doc, words);
  const date = findBest(doc, { labels: ["date", "dated"] }, readDate()) ?? firstDate(doc);
  const payee = findBest(doc, { labels: ["pay to the order of", "to the order of", "order of", "pay to", "payee"] }, payeeReader);
  const memo = findBest(doc, { labels: ["memo", "for", "re"] }, readText(10));
  const payer = findParties(doc).find((p) => p.name && p.cityLine.rect.x0 < 0.5 && !BANK_WORDS.test(p.name.text));
  const bank = findBank(doc, payer?.lines ?? []);
  const fractional = doc.lines.find((l) => FRACTIONAL.test(l.text));
  const signature = findSignature(doc);
  const mEv = (raw: string, quality = 0.9) => (micrLine ? { raw, line: micrLine, quality } : undefined);
  const account = micr?.account ? parseMaskedNumber(micr.account) : undefined;
  const amountValue = amount ? magnitude(amount.value.value) : undefined;
  const document = create(CheckSchema, {
    checkNumber: textField(number?.value ?? micr?.serial?.replace(/^0+(?=\d)/, ""), number?.evidence ?? (micr?.serial ? mEv(micr.serial, 0.7) : undefined)),
    checkDate: dateField(date?.value, date),
    payee: textField(payee?.value, payee),
    amount: moneyField(amountValue, amount?.evidence),
    amountInWords: moneyField(words ? money(words.cents * 10_000_000n) : undefined, words?.evidence),
    memo: textField(memo?.value, memo),
    payerName: textField(payer?.name?.text, payer?.name ? { raw: payer.name.text, line: payer.name.line, quality: 0.85 } : undefined),
    payerAddress: addressField(payer?.address, payer ? { raw: payer.addressLines.join("\n"), line: payer.cityLine, quality: 0.85 } : undefined),
    bankName: textField(bank?.text, bank),
    fractionalRouting: textField(fractional ? FRACTIONAL.exec(fractional.text)![0] : undefined, fractional ? { raw: FRACTIONAL.exec(fractional.text)![0], line: fractional, quality: 0.9 } : undefined),
    micrLine: textField(micr?.masked, micr ? mEv(micr.masked) : undefined),
    routingNumber: textField(micr?.routing, micr?.routing ? mEv(micr.routing, micr.routingValid ? 0.95 : 0.5) : undefined),
    accountNumber: maskedNumberField(account, micr?.account ? mEv(micr.account) : undefined),
    micrSerial: textField(micr?.serial, micr?.serial ? mEv(micr.serial) : undefined),
    signaturePresent: checkboxField(signature.signed ? CheckState.CHECKED : CheckState.UNCHECKED, signature.evidence),
    amountsAgree: agreement(amountValue, words?.cents, amount?.evidence),
  });
  return { document, issues: validateCheck(document) };
}

/** CHECKED when the numeric and written amounts are equal, UNCHECKED when they differ, unknown otherwise. */
function agreement(numeric: Money | undefined, writtenCents: bigint | undefined, evidence: Evidence | undefined) {
  if (!numeric || writtenCents === undefined || !evidence) return checkboxField(CheckState.UNSPECIFIED);
  const agree = nanos(numeric) === writtenCents * 10_000_000n;
  return checkboxField(agree ? CheckState.CHECKED : CheckState.UNCHECKED, { raw: "", line: evidence.line, quality: 0.95 });
}

/** Payee text up to the courtesy amount ("Aisha Abernathy III $ 2,899.50" → the name). */
const payeeReader = (text: string) => {
  const cut = text.split(/\s(?:\$|\*{2,})|\s\d[\d,]*\.\d{2}\b/)[0] ?? "";
  return readText(10)(cut);
};

function firstDate(doc: LayoutDoc) {
  for (const line of doc.lines) {
    if (looksLikeMicr(line.text)) continue;
    const d = findDates(line.text).find((x) => x.date.year > 0);
    if (d) return { value: d.date, raw: d.raw, line, quality: 0.75 };
  }
  return undefined;
}

/** The drawee bank: a name-like line with bank words that is not the payer's. */
function findBank(doc: LayoutDoc, payerLines: readonly DocLine[]) {
  const line = doc.lines.find((l) => BANK_WORDS.test(l.text) && isOrgOrPersonName(l.text) && !payerLines.includes(l));
  return line ? { text: line.text, raw: line.text, line, quality: 0.85 } : undefined;
}
