import { readFileSync } from "node:fs";
import { DOCUMENT_TYPES } from "@docproc/common";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { describe, expect, it } from "vitest";
import { classifyText } from "./text-evidence-classifier.js";

const fixture = (name: string) => readFileSync(new URL(`../../test-fixtures/${name}.txt`, import.meta.url), "utf8");

/** Typical tesseract confusions on a poor scan: m read as rn (once per line), 0↔O, 1↔l, n↔ri. */
function ocrNoise(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace("m", "rn"))
    .join("\n")
    .replace(/Form 1099/g, "Forrn 1O99")
    .replace(/Form 1098/g, "Forrn l098")
    .replace(/Statement/g, "Staternent")
    .replace(/ and /g, " arid ")
    .replace(/Order/g, "0rder");
}

const HEADS: ReadonlyArray<readonly [string, DocumentType]> = [
  ["w2", DocumentType.W2],
  ["1099-int", DocumentType.FORM_1099_INT],
  ["1099-div", DocumentType.FORM_1099_DIV],
  ["1099-misc", DocumentType.FORM_1099_MISC],
  ["1099-nec", DocumentType.FORM_1099_NEC],
  ["1099-r", DocumentType.FORM_1099_R],
  ["1098", DocumentType.FORM_1098],
  ["bank_statement", DocumentType.BANK_STATEMENT],
  ["credit_card_statement", DocumentType.CREDIT_CARD_STATEMENT],
  ["invoice", DocumentType.INVOICE],
  ["receipt", DocumentType.RECEIPT],
  ["check", DocumentType.CHECK],
  ["other-pay-stub", DocumentType.OTHER],
  ["other-utility-bill", DocumentType.OTHER],
];
const TAX_FORMS = HEADS.slice(0, 7);

describe("classifyText", () => {
  it.each(HEADS)("classifies the first lines of a %s page", (name, expected) => {
    const result = classifyText(fixture(`${name}.head`));
    expect(result.documentType).toBe(expected);
    expect(result.scores.get(expected)).toBeGreaterThan(0.5);
  });

  it.each(TAX_FORMS)("classifies the title region of a %s with high probability", (name, expected) => {
    const result = classifyText(fixture(`${name}.title`));
    expect(result.documentType).toBe(expected);
    expect(result.scores.get(expected)).toBeGreaterThan(0.9);
  });

  it.each(HEADS)("survives OCR noise on %s", (name, expected) => {
    expect(classifyText(ocrNoise(fixture(`${name}.head`))).documentType).toBe(expected);
  });

  it.each(TAX_FORMS)("survives OCR noise in the title region of %s", (name, expected) => {
    expect(classifyText(ocrNoise(fixture(`${name}.title`))).documentType).toBe(expected);
  });

  it("returns a distribution over all 13 types summing to 1", () => {
    const { scores } = classifyText(fixture("invoice.head"));
    expect([...scores.keys()].sort((a, b) => a - b)).toEqual([...DOCUMENT_TYPES].sort((a, b) => a - b));
    expect([...scores.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("gives a page without evidence a moderate 'other', not a confident one", () => {
    const result = classifyText("Dear neighbour,\nthe garden party moves to Sunday.\nSee you there!");
    expect(result.documentType).toBe(DocumentType.OTHER);
    expect(result.scores.get(DocumentType.OTHER)).toBeGreaterThan(0.3);
    expect(result.scores.get(DocumentType.OTHER)).toBeLessThan(0.5);
    expect(classifyText("").documentType).toBe(DocumentType.OTHER);
  });

  it("lets a form's title beat another form's vocabulary (1099-DIV mentioning interest)", () => {
    const text = `${fixture("1099-div.title")}\n12 Exempt-interest dividends\nSee Form 1099-INT for interest income.`;
    expect(classifyText(text).documentType).toBe(DocumentType.FORM_1099_DIV);
  });

  it("keeps a bank statement with a mortgage payment a bank statement, and a W-2 Copy 2 a W-2", () => {
    const bank = `${fixture("bank_statement.head")}\n08/16 ACH DEBIT RIVERBEND MORTGAGE MTG PMT 2,361.34`;
    expect(classifyText(bank).documentType).toBe(DocumentType.BANK_STATEMENT);
    const copy2 = "Copy 2—To Be Filed With Employee's State, City, or Local Income Tax Return\nW-2 Wage and Tax Statement 2024\n1 Wages, tips, other compensation";
    expect(classifyText(copy2).documentType).toBe(DocumentType.W2);
  });

  it("accepts OCR-mangled form numbers", () => {
    expect(classifyText("F0RM 1O99-DlV 2024\nCopy B For Recipient").documentType).toBe(DocumentType.FORM_1099_DIV);
    expect(classifyText("Forrn W2 2023 Wage arid Tax Staternent").documentType).toBe(DocumentType.W2);
  });

  it("names the cues in its reasoning but never the values on the page", () => {
    const text = fixture("w2.title");
    const result = classifyText(text);
    expect(result.reasoning).toContain("Wage and Tax Statement");
    expect(result.reasoning).not.toContain("111750.71");
    expect(result.reasoning).not.toContain("45-5095292");
  });
});
