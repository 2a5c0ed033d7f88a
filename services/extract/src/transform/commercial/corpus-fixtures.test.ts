import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { toJson } from "@bufbuild/protobuf";
import { parseDocumentTypeLabel } from "@docproc/common";
import { TypedDocumentSchema } from "@docproc/gen/docproc/v1/typed_document_pb.js";
import { Severity } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { type CorpusFixture, pagesFromDots, plainField } from "../../../test-support/commercial-layout-fixture.js";
import { transformDocument } from "../transform-document.js";

const DIR = fileURLToPath(new URL("../../../test-fixtures/commercial/", import.meta.url));
const fixtures = readdirSync(DIR)
  .filter((f) => f.startsWith("vis-") && f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(DIR + f, "utf8")) as CorpusFixture & { accountDigits: string[] });

const collapse = (v: unknown): unknown => (typeof v === "string" ? v.replace(/\s+/g, " ").trim() : v);

describe.each(fixtures.map((f) => [f.id, f] as const))("corpus document %s", (_id, fixture) => {
  // The dispatcher the service uses, so the document type label picks the transformer.
  const { fields, issues } = transformDocument(parseDocumentTypeLabel(fixture.docType)!, pagesFromDots(fixture.pages));
  const document = fields.document.value as unknown as Record<string, unknown>;
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
    const json = JSON.stringify(toJson(TypedDocumentSchema, fields)).replace(/[\s-]/g, "");
    for (const digits of fixture.accountDigits) expect(json.includes(digits), digits).toBe(false);
  });
});
