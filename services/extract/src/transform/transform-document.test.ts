import { Code, ConnectError } from "@connectrpc/connect";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { FieldStatus } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { page, text } from "../../test-support/hand-layout.js";
import { loadTaxFixture } from "../../test-support/tax-layout-fixture.js";
import { transformDocument } from "./transform-document.js";

describe("transformDocument", () => {
  it("dispatches each tax form to its transformer", () => {
    const cases: Array<[DocumentType, string]> = [
      [DocumentType.W2, "w2"],
      [DocumentType.FORM_1099_INT, "form1099Int"],
      [DocumentType.FORM_1099_DIV, "form1099Div"],
      [DocumentType.FORM_1099_MISC, "form1099Misc"],
      [DocumentType.FORM_1099_NEC, "form1099Nec"],
      [DocumentType.FORM_1099_R, "form1099R"],
      [DocumentType.FORM_1098, "form1098"],
    ];
    for (const [type, kind] of cases) {
      expect(transformDocument(type, [page([text("x", [0, 0, 1, 0.1])])]).fields.document.case).toBe(kind);
    }
  });

  it("dispatches the commercial documents", () => {
    const cases: Array<[DocumentType, string]> = [
      [DocumentType.BANK_STATEMENT, "bankStatement"],
      [DocumentType.CREDIT_CARD_STATEMENT, "creditCardStatement"],
      [DocumentType.INVOICE, "invoice"],
      [DocumentType.RECEIPT, "receipt"],
      [DocumentType.CHECK, "check"],
      [DocumentType.OTHER, "other"],
    ];
    for (const [type, kind] of cases) expect(transformDocument(type, [page([text("x", [0, 0, 1, 0.1])])]).fields.document.case).toBe(kind);
  });

  it("returns the form's fields and issues", () => {
    const result = transformDocument(DocumentType.W2, loadTaxFixture("vis-w2-02").pages);
    expect(result.fields.document.case === "w2" && result.fields.document.value.employerName?.value).toBe("Copperfield Design Studio LLP");
    expect(result.issues).toEqual([]);
  });

  it("fills every singular field of every tax form with a FieldMeta, even on a page without the form", () => {
    for (const type of [DocumentType.W2, DocumentType.FORM_1099_INT, DocumentType.FORM_1099_DIV, DocumentType.FORM_1099_MISC, DocumentType.FORM_1099_NEC, DocumentType.FORM_1099_R, DocumentType.FORM_1098]) {
      const { document } = transformDocument(type, [page([text("unrelated text", [0, 0, 1, 0.1])])]).fields;
      const message = document.value as unknown as Record<string, { meta?: { status: number } } | unknown[]>;
      for (const [name, field] of Object.entries(message)) {
        if (name === "$typeName" || Array.isArray(field)) continue;
        expect(field?.meta?.status, `${document.case}.${name}`).toBe(FieldStatus.NOT_FOUND);
      }
    }
  });

  it("rejects an unspecified document type", () => {
    const call = () => transformDocument(DocumentType.UNSPECIFIED, []);
    expect(call).toThrow(ConnectError);
    expect(call).toThrow(/document_type: required for typed fields/);
    try {
      call();
    } catch (error) {
      expect((error as ConnectError).code).toBe(Code.InvalidArgument);
    }
  });
});
