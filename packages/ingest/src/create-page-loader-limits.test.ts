import { Code } from "@connectrpc/connect";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { buildTestPdf } from "../test-fixtures/build-test-pdf.js";
import { connectFailure as failure } from "../test-fixtures/connect-failure.js";
import { craftPngHeader } from "../test-fixtures/craft-png-header.js";
import { loadPages, twoPagePdf } from "../test-fixtures/load-pages.js";
import type { SourceInput } from "./types.js";




let png: Buffer;
let tiff: Buffer;

beforeAll(async () => {
  png = await sharp({ create: { width: 400, height: 518, channels: 3, background: "#c0c0c0" } }).png().toBuffer();
  const frame = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#ff0000" } }).png().toBuffer();
  tiff = await sharp([frame, frame], { join: { animated: true } }).tiff().toBuffer();
});

describe("createPageLoader: page range and limits", () => {
  const sources = (): SourceInput[] => [{ content: twoPagePdf }, { content: png }, { content: tiff }]; // 5 pages

  it("selects a range over the concatenated sources, keeping real page indexes", async () => {
    const doc = await load(sources(), { firstPage: 2, lastPage: 4 });
    expect(doc.totalPages).toBe(5);
    expect(doc.pages.map((p) => [p.index, p.sourceIndex, p.format])).toEqual([
      [1, 0, "pdf"],
      [2, 1, "png"],
      [3, 2, "tiff"],
    ]);
    expect((await doc.pages[2]!.decode()).index).toBe(3);
    await doc.close();
    expect((await load(sources(), { firstPage: 5, lastPage: 0 })).pages.map((p) => p.index)).toEqual([4]);
    expect((await load(sources(), { firstPage: 0, lastPage: 1 })).pages.map((p) => p.index)).toEqual([0]);
  });

  it.each([
    [{ firstPage: 6, lastPage: 0 }, "page_range: first_page 6 exceeds the document's 5 pages"],
    [{ firstPage: 3, lastPage: 2 }, "page_range: first_page 3 is after last_page 2"],
    [{ firstPage: -1, lastPage: 0 }, "page_range: first_page must be a non-negative integer (got -1)"],
  ])("rejects %o", async (range, message) => {
    const error = await failure(load(sources(), range));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toBe(message);
  });

  it("enforces maxPages after range selection", async () => {
    const error = await failure(load(sources(), undefined, { maxPages: 3 }));
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.rawMessage).toBe("document: 5 pages exceeds the limit of 3");
    expect((await load(sources(), { firstPage: 3, lastPage: 5 }, { maxPages: 3 })).pages).toHaveLength(3);
  });

  it("refuses a pixel bomb from its PNG header, without decoding", async () => {
    const bomb = craftPngHeader(100_000, 100_000);
    expect(bomb.length).toBeLessThan(200);
    const started = Date.now();
    const error = await failure(load([{ content: png }, { content: bomb }]));
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.rawMessage).toBe("sources[1]: page 1: 100000x100000 = 10000000000 pixels exceeds the limit of 60000000");
    expect(Date.now() - started).toBeLessThan(2000);
    // Outside the selected range it is never looked at.
    expect((await load([{ content: png }, { content: bomb }], { firstPage: 1, lastPage: 1 })).pages).toHaveLength(1);
  });

  it("refuses a PDF page whose render would pass the pixel cap", async () => {
    const huge = buildTestPdf([{ widthPt: 14_400, heightPt: 14_400, text: "Huge" }]);
    const error = await failure(load([{ content: huge }]));
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.rawMessage).toBe("sources[0]: page 1: 14400x14400 = 207360000 pixels exceeds the limit of 60000000");
  });

  it("reports corrupt and truncated images as InvalidArgument without crashing", async () => {
    const noisy = await sharp({ create: { width: 600, height: 600, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 40 } } })
      .png()
      .toBuffer();
    const truncated = noisy.subarray(0, noisy.length >> 1);
    const doc = await load([{ content: truncated }]);
    const error = await failure(doc.pages[0]!.decode());
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toBe("sources[0]: page 1: corrupt or truncated image");

    const jpeg = await sharp(noisy).jpeg().toBuffer();
    const jpegDoc = await load([{ content: jpeg.subarray(0, jpeg.length >> 1) }]);
    expect((await failure(jpegDoc.pages[0]!.decode())).code).toBe(Code.InvalidArgument);

    const badHeader = Buffer.concat([noisy.subarray(0, 16), Buffer.alloc(64, 0xee)]);
    const headerError = await failure(load([{ content: badHeader }]));
    expect(headerError.code).toBe(Code.InvalidArgument);
    expect(headerError.rawMessage).toBe("sources[0]: corrupt or truncated image");

    const pdfError = await failure(load([{ content: Buffer.from("%PDF-1.4\nthis is not a pdf at all\n") }]));
    expect(pdfError.code).toBe(Code.InvalidArgument);
    expect(pdfError.rawMessage).toMatch(/^sources\[0\]: /);
  });
});

const load = loadPages;
