import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type DescMessage, toJson } from "@bufbuild/protobuf";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import {
  BankStatementSchema,
  CheckSchema,
  CreditCardStatementSchema,
  InvoiceSchema,
  OtherDocumentSchema,
  ReceiptSchema,
} from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import { Severity } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { type CorpusFixture, pagesFromDots, plainField } from "../../../test-support/commercial-layout-fixture.js";
import {
  transformBankStatement,
  transformCheck,
  transformCreditCardStatement,
  transformInvoice,
  transformOther,
  transformReceipt,
} from "./index.js";

const DIR = fileURLToPath(new URL("../../../test-fixtures/commercial/", import.meta.url));
const fixtures = readdirSync(DIR)
  .filter((f) => f.startsWith("vis-") && f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(DIR + f, "utf8")) as CorpusFixture & { accountDigits: string[] });

type Transform = (pages: PageResult[]) => { document: any; issues: Array<{ severity: Severity; code: string }> };
const TRANSFORMS: Record<string, [Transform, DescMessage]> = {
  bank_statement: [transformBankStatement, BankStatementSchema],
  credit_card_statement: [transformCreditCardStatement, CreditCardStatementSchema],
  invoice: [transformInvoice, InvoiceSchema],
  receipt: [transformReceipt, ReceiptSchema],
  check: [transformCheck, CheckSchema],
  other: [transformOther, OtherDocumentSchema],
};

const collapse = (v: unknown): unknown => (typeof v === "string" ? v.replace(/\s+/g, " ").trim() : v);

describe.each(fixtures.map((f) => [f.id, f] as const))("corpus document %s", (_id, fixture) => {
  const [transform, schema] = TRANSFORMS[fixture.docType]!;
  const { document, issues } = transform(pagesFromDots(fixture.pages));
  // A page whose output was cut off loses its last element: those values may be missing, never wrong.
  const truncated = fixture.imperfections.some((i) => i.kind === "truncated");

  it("reads every printed field", () => {
    for (const [key, expected] of Object.entries(fixture.expected)) {
      const got = plainField(document, key);
      if (truncated && got === null) continue;
      if (Array.isArray(expected)) {
        expect((got as unknown[]).length, key).toBe(expected.length);
        expected.forEach((item: Record<string, unknown>, i) => {
          const gotItem = (got as Array<Record<string, unknown>>)[i]!;
          for (const [k, v] of Object.entries(item)) expect(collapse(gotItem[k]), `${key}[${i}].${k}`).toEqual(collapse(v));
        });
      } else {
        expect(collapse(got), key).toEqual(collapse(expected));
      }
    }
  });

  it("raises no validation error on a consistent document", () => {
    expect(issues.filter((i) => i.severity === Severity.ERROR).map((i) => i.code)).toEqual([]);
  });

  it("never returns a full account number", () => {
    const json = JSON.stringify(toJson(schema, document)).replace(/[\s-]/g, "");
    for (const digits of fixture.accountDigits) expect(json.includes(digits), digits).toBe(false);
  });
});
