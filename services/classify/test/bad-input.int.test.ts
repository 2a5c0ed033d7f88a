import { Code } from "@connectrpc/connect";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
// Shared with the extract suites: small images made with sharp in memory.
import { corruptJpeg, multiPageTiff, pngClaiming, pngPage, truncatedPng } from "../../extract/test/support/image-fixtures.js";
import { type ClassifyRequestInit, type ClassifyStack, failure, inline, startClassifyStack } from "./support/classify-stack.js";

// Every bad request gets the right code and a message naming the field, and
// the server keeps serving: a good call follows each bad one.

const MAX_MESSAGE_BYTES = 1024 * 1024;
let stack: ClassifyStack;
let good: Buffer;

beforeAll(async () => {
  stack = await startClassifyStack({ env: { MAX_PAGES: "3", MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) } });
  good = await pngPage(120, 80);
});
afterAll(() => stack?.close());

afterEach(async () => {
  const { response } = await stack.classify(inline(good));
  expect(response.documentType).toBe(DocumentType.W2);
});

function rejected(request: ClassifyRequestInit) {
  return failure(stack.classify(request));
}

describe("classify: bad input through the real server", () => {
  it("no document", async () => {
    const error = await rejected({});
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toBe("document is required");
  });

  it("zero sources", async () => {
    const error = await rejected({ document: { sources: [] } });
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("document.sources");
  });

  it("bad base64 in a data: URL", async () => {
    const error = await rejected({ document: { sources: [{ source: { case: "url", value: "data:image/png;base64,%%%" } }] } });
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toMatch(/sources\[0\].*base64/);
  });

  it("empty content", async () => {
    const error = await rejected(inline(new Uint8Array(0)));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("sources[0]");
  });

  it("a truncated PNG", async () => {
    const error = await rejected(inline(await truncatedPng()));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("sources[0]");
  });

  it("a corrupt JPEG", async () => {
    const error = await rejected(inline(corruptJpeg()));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("sources[0]");
  });

  it("a decompression bomb (a PNG header claiming 100k x 100k)", async () => {
    const before = stack.seen.length;
    const error = await rejected(inline(pngClaiming()));
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.rawMessage).toContain("sources[0]");
    expect(stack.seen.length).toBe(before);
  });

  it("too many pages (MAX_PAGES=3, a 4-page TIFF)", async () => {
    const error = await rejected(inline(await multiPageTiff(["#f00", "#0f0", "#00f", "#fff"])));
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.rawMessage).toContain("exceeds the limit of 3");
  });

  it("a payload over MAX_MESSAGE_BYTES is refused by grpc-js", async () => {
    const error = await rejected(inline(new Uint8Array(MAX_MESSAGE_BYTES + 1024)));
    expect(error.code).toBe(Code.ResourceExhausted);
  });

  it("a page range with first_page after last_page", async () => {
    const error = await rejected(inline(good, { pageRange: { firstPage: 3, lastPage: 2 } }));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("first_page");
  });

  it("a page range starting beyond the end", async () => {
    const error = await rejected(inline(good, { pageRange: { firstPage: 7, lastPage: 0 } }));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("first_page 7");
  });

  it("a negative max_pages", async () => {
    const error = await rejected({ ...inline(good), maxPages: -1 });
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("max_pages");
  });
});
