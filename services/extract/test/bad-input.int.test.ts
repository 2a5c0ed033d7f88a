import { Code } from "@connectrpc/connect";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { PageStatus, PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ExtractRequestInit, type ExtractStack, failure, inline, startExtractStack } from "./support/extract-stack.js";
import { corruptJpeg, multiPageTiff, pngClaiming, pngPage, truncatedPng } from "./support/image-fixtures.js";

// Every bad request gets the right code and a message naming the field, and
// the server keeps serving: a good call follows each bad one.

const MAX_MESSAGE_BYTES = 1024 * 1024;
let stack: ExtractStack;
let good: Buffer;

beforeAll(async () => {
  stack = await startExtractStack({ env: { MAX_PAGES: "3", MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) } });
  good = await pngPage(120, 80);
});
afterAll(() => stack?.close());

afterEach(async () => {
  const { response } = await stack.extract(inline(good));
  expect(response.pages.map((page) => page.status)).toEqual([PageStatus.OK]);
});

function rejected(request: ExtractRequestInit) {
  return failure(stack.extract(request));
}

describe("extract: bad input through the real server", () => {
  it("bad base64 in a data: URL", async () => {
    const error = await rejected({ document: { sources: [{ source: { case: "url", value: "data:image/png;base64,@@not*base64@@" } }] } });
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toMatch(/sources\[0\].*base64/);
  });

  it("empty content", async () => {
    const error = await rejected(inline(new Uint8Array(0)));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("sources[0]");
    expect(error.rawMessage).toContain("empty");
  });

  it("a source with neither url nor content", async () => {
    const error = await rejected({ document: { sources: [{ mediaType: "image/png" }] } });
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("document.sources[0]");
  });

  it("zero sources", async () => {
    const error = await rejected({ document: { sources: [] } });
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("document.sources");
  });

  it("bytes that are no image or PDF", async () => {
    const error = await rejected(inline(new TextEncoder().encode("hello, I am a text file")));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("sources[0]");
  });

  it("a truncated PNG", async () => {
    const error = await rejected(inline(await truncatedPng()));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("sources[0]");
    expect(error.rawMessage).toMatch(/corrupt or truncated/);
  });

  it("a corrupt JPEG", async () => {
    const error = await rejected(inline(corruptJpeg()));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("sources[0]");
  });

  it("a wrong media type hint is only a hint: the format is sniffed", async () => {
    const { response } = await stack.extract(inline(good, { mediaType: "application/pdf" }));
    expect(response.pageCount).toBe(1);
    expect(response.failedPages).toEqual([]);
  });

  it("too many pages (MAX_PAGES=3, a 4-page TIFF)", async () => {
    const error = await rejected(inline(await multiPageTiff(["#f00", "#0f0", "#00f", "#fff"])));
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.rawMessage).toBe("document: 4 pages exceeds the limit of 3");
    // The same TIFF cut to 3 pages by the page range is fine.
    const tiff = await multiPageTiff(["#f00", "#0f0", "#00f", "#fff"]);
    const { response } = await stack.extract(inline(tiff, { pageRange: { firstPage: 2, lastPage: 4 } }));
    expect(response.pages.map((page) => page.pageIndex)).toEqual([1, 2, 3]);
  });

  it("a payload over MAX_MESSAGE_BYTES is refused by grpc-js", async () => {
    const error = await rejected(inline(new Uint8Array(MAX_MESSAGE_BYTES + 1024)));
    expect(error.code).toBe(Code.ResourceExhausted);
  });

  it("a decompression bomb (a PNG header claiming 100k x 100k)", async () => {
    const modelCallsBefore = stack.model.requests.filter((r) => r.path.endsWith("/chat/completions")).length;
    const error = await rejected(inline(pngClaiming(100_000, 100_000)));
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.rawMessage).toContain("sources[0]");
    expect(error.rawMessage).toContain("pixels");
    // Refused from the header: nothing was decoded or sent to the model.
    expect(stack.model.requests.filter((r) => r.path.endsWith("/chat/completions")).length).toBe(modelCallsBefore);
  });

  it("an unknown document_type (99)", async () => {
    const error = await rejected({ ...inline(good), documentType: 99 as DocumentType });
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toBe("document_type: unknown value 99");
  });

  it("an unknown prompt_mode (42)", async () => {
    const error = await rejected({ ...inline(good), promptMode: 42 as PromptMode });
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toBe("prompt_mode: unknown value 42");
  });

  it("a page range with first_page after last_page", async () => {
    const error = await rejected(inline(good, { pageRange: { firstPage: 3, lastPage: 2 } }));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("page_range.first_page");
  });

  it("a page range starting beyond the end", async () => {
    const error = await rejected(inline(good, { pageRange: { firstPage: 5, lastPage: 0 } }));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("first_page 5");
  });

  it("grounding OCR without a box", async () => {
    const error = await rejected({ ...inline(good), promptMode: PromptMode.GROUNDING_OCR });
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("grounding_box");
  });

  it("no document at all", async () => {
    const error = await rejected({ documentType: DocumentType.W2 });
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toBe("document is required");
  });
});
