import { DOCUMENT_TYPES } from "@docproc/common";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { describe, expect, it } from "vitest";
import {
  CLASS_LABELS,
  DEFAULT_CLASSIFY_INSTRUCTION,
  buildClassifyInstruction,
  classLabelFor,
  classesForToken,
  documentTypeForClassLabel,
} from "./class-labels.js";

describe("class labels", () => {
  it("has one digit-free lowercase label per document type, in DocumentType order", () => {
    expect(CLASS_LABELS).toHaveLength(13);
    expect(CLASS_LABELS.map((label) => documentTypeForClassLabel(label))).toEqual([...DOCUMENT_TYPES]);
    for (const label of CLASS_LABELS) expect(label).toMatch(/^[a-z]+$/);
    expect(classLabelFor(DocumentType.FORM_1099_R)).toBe("pension");
  });

  it("never lets a label be a prefix of another, and separates shared first letters by the third character", () => {
    for (const a of CLASS_LABELS) {
      for (const b of CLASS_LABELS) {
        if (a === b) continue;
        expect(b.startsWith(a)).toBe(false);
        expect(a.slice(0, 3)).not.toBe(b.slice(0, 3));
      }
    }
  });

  it("maps first tokens to classes, whatever the leading-space marker", () => {
    expect(classesForToken("wage")).toEqual([DocumentType.W2]);
    expect(classesForToken("Ġwage")).toEqual([DocumentType.W2]);
    expect(classesForToken(" Mort")).toEqual([DocumentType.FORM_1098]);
    expect(classesForToken("div")).toEqual([DocumentType.FORM_1099_DIV]);
    expect(classesForToken("in")).toEqual([DocumentType.FORM_1099_INT, DocumentType.INVOICE]);
    expect(classesForToken("W2")).toEqual([]);
    expect(classesForToken("1")).toEqual([]);
    expect(classesForToken(" ")).toEqual([]);
  });

  it("describes every label with its form name and asks for the label only", () => {
    for (const label of CLASS_LABELS) expect(DEFAULT_CLASSIFY_INSTRUCTION).toContain(`\n${label}: `);
    expect(DEFAULT_CLASSIFY_INSTRUCTION).toContain("wage: Form W-2, Wage and Tax Statement");
    expect(DEFAULT_CLASSIFY_INSTRUCTION).toContain("mortgage: Form 1098, Mortgage Interest Statement");
    expect(DEFAULT_CLASSIFY_INSTRUCTION).toContain("Answer with the label only");
    expect(buildClassifyInstruction("   ")).toBe(DEFAULT_CLASSIFY_INSTRUCTION);
    const custom = buildClassifyInstruction("Is this a tax form?");
    expect(custom.startsWith("Is this a tax form?")).toBe(true);
    for (const label of CLASS_LABELS) expect(custom).toContain(`${label}: `);
  });
});
