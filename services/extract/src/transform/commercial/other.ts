import { create } from "@bufbuild/protobuf";
import { type OtherDocument, OtherDocumentSchema } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { LayoutCategory } from "@docproc/gen/docproc/v1/layout_pb.js";
import type { ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { type ParsedMoney, parseAddress } from "../../fields/index.js";
import { type Evidence, addressField, dateField, maskedNumberField, moneyField, textField } from "./field-build.js";
import { COMPANY_WORDS } from "./invoice-labels.js";
import { type Found, findBest } from "./label-finder.js";
import { type LayoutDoc, buildLayoutDoc } from "./layout-doc.js";
import { magnitude } from "./money-util.js";
import { keyValues } from "./other-key-values.js";
import * as L from "./other-labels.js";
import { nameEvidence } from "./parties.js";
import { payAmounts } from "./pay-amounts.js";
import { guessSubtype } from "./other-subtype.js";
import { findPeriod } from "./period.js";
import { statementHeader } from "./statement-header.js";
import { readDate, readMasked, readMoney, readText } from "./value-readers.js";

const TITLE_WORDS = /statement|bill|notice|letter|stub|report|summary|advice|invoice|certificate|form/i;

/** Layout → OtherDocument: a subtype guess, the title, every label/value pair, and pay stub or utility bill fields. */
export function transformOther(pages: PageResult[]): { document: OtherDocument; issues: ValidationIssue[] } {
  const doc = buildLayoutDoc(pages);
  const guess = guessSubtype(doc);
  const first = doc.lines[0];
  const header = statementHeader(doc, COMPANY_WORDS);
  const period = findPeriod(doc, /pay\s+period|billing|service|period/i);
  const title = findTitle(doc);
  const payStub = guess.subtype === "pay_stub" || guess.subtype === "unknown";
  const utility = guess.subtype === "utility_bill" || guess.subtype === "unknown";
  const money = readMoney();
  const amount = (f: Found<ParsedMoney> | undefined) => moneyField(f && magnitude(f.value.value), f);
  const pay = payStub ? payAmounts(doc) : {};
  const holderName = header.holder && nameEvidence(header.holder, 0.8);
  const named = (spec: typeof L.EMPLOYEE_NAME): Evidence | undefined => {
    const found = findBest(doc, spec, readText(6));
    return found ? { raw: found.value, line: found.line, quality: found.quality } : holderName;
  };
  const employee = payStub ? named(L.EMPLOYEE_NAME) : undefined;
  const customer = utility ? named(L.CUSTOMER_NAME) : undefined;
  const account = utility ? findBest(doc, L.UTILITY_ACCOUNT, readMasked()) : undefined;
  const service = utility ? serviceAddress(doc) : undefined;
  const payDate = payStub ? findBest(doc, L.PAY_DATE, readDate()) : undefined;
  const billDate = utility ? findBest(doc, L.BILL_DATE, readDate()) : undefined;
  const dueDate = utility ? findBest(doc, L.BILL_DUE_DATE, readDate()) : undefined;
  const org = header.org ? { raw: header.org.text, line: header.org.evidence.line, quality: header.org.evidence.quality } : undefined;
  const document = create(OtherDocumentSchema, {
    subtype: textField(first ? guess.subtype : undefined, first ? { raw: guess.evidence.join(", "), line: first, quality: guess.confidence } : undefined),
    title: textField(title?.raw, title),
    keyValues: keyValues(doc),
    employerName: textField(payStub ? org?.raw : undefined, payStub ? org : undefined),
    employeeName: textField(employee?.raw, employee),
    payDate: dateField(payDate?.value, payDate),
    periodStart: dateField(period?.start, period?.startEvidence),
    periodEnd: dateField(period?.end, period?.endEvidence),
    grossPay: moneyField(pay.gross?.value, pay.gross?.evidence),
    netPay: moneyField(pay.net?.value, pay.net?.evidence),
    ytdGrossPay: moneyField(pay.ytdGross?.value, pay.ytdGross?.evidence),
    providerName: textField(utility ? org?.raw : undefined, utility ? org : undefined),
    customerName: textField(customer?.raw, customer),
    accountNumber: maskedNumberField(account?.value, account),
    serviceAddress: addressField(service?.address, service?.evidence),
    statementDate: dateField(billDate?.value, billDate),
    dueDate: dateField(dueDate?.value, dueDate),
    amountDue: amount(utility ? findBest(doc, L.BILL_AMOUNT_DUE, money) : undefined),
    currentCharges: amount(utility ? findBest(doc, L.CURRENT_CHARGES, money) : undefined),
  });
  return { document, issues: [] };
}

/** The title element, else a short heading near the top naming a kind of document. */
function findTitle(doc: LayoutDoc): Evidence | undefined {
  const title = doc.lines.find((l) => l.block.category === LayoutCategory.TITLE);
  if (title) return { raw: title.text, line: title, quality: 0.9 };
  const heading = doc.lines.find((l) => l.rect.y0 < 0.25 && !l.cells && l.text.split(" ").length <= 6 && TITLE_WORDS.test(l.text) && !/[:\d]/.test(l.text));
  return heading ? { raw: heading.text, line: heading, quality: 0.7 } : undefined;
}

/** "Service Address: 10035 Magnolia Way, Albuquerque, NM 87194", or the lines under a "Service Address" label. */
function serviceAddress(doc: LayoutDoc) {
  const found = findBest(doc, L.SERVICE_ADDRESS, (text) => {
    const address = parseAddress([text.split(" | ")[0] ?? text]);
    return address ? { value: address, raw: text } : undefined;
  });
  if (found) return { address: found.value, evidence: found as Evidence };
  for (const line of doc.lines) {
    if (!/^service\s+(?:address|location)\s*:?\s*$/i.test(line.text)) continue;
    const next = line.block.lines.slice(line.indexInBlock + 1, line.indexInBlock + 4).map((l) => l.text);
    const address = parseAddress(next);
    if (address) return { address, evidence: { raw: next.join("\n"), line, quality: 0.8 } };
  }
  return undefined;
}
