import { readFile, stat } from "node:fs/promises";
import { create } from "@bufbuild/protobuf";
import { DocumentSchema, type Document } from "@docproc/gen/docproc/v1/document_pb.js";

/** A document message for a local file (sent inline) or an https/data URL. */
export async function readSource(input: string): Promise<{ document: Document; description: string }> {
  if (/^(https?|data):/i.test(input)) {
    const shown = input.startsWith("data:") ? "data: URL" : input.replace(/[?#].*$/, "");
    return { document: create(DocumentSchema, { sources: [{ source: { case: "url", value: input } }] }), description: shown };
  }
  const info = await stat(input).catch(() => undefined);
  if (!info?.isFile()) throw new Error(`${input}: no such file`);
  const content = await readFile(input);
  return {
    document: create(DocumentSchema, { sources: [{ source: { case: "content", value: content } }] }),
    description: `${input} (${Math.ceil(content.byteLength / 1024)} KB)`,
  };
}
