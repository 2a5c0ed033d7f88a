import { Code } from "@connectrpc/connect";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestPdf } from "../test-fixtures/build-test-pdf.js";
import { connectFailure as failure } from "../test-fixtures/connect-failure.js";
import { craftPngHeader } from "../test-fixtures/craft-png-header.js";
import { loadPages, testIngestOptions, twoPagePdf } from "../test-fixtures/load-pages.js";
import { startTestServer, type TestServer } from "../test-fixtures/start-test-server.js";
import { createPageLoader } from "./create-page-loader.js";
import { sniffFormat } from "./sniff-format.js";
import type { IngestOptions, LoadedDocument, PageRangeInput, SourceInput } from "./types.js";



function image(width: number, height: number, background = "#c0c0c0") {
  return sharp({ create: { width, height, channels: 3, background } });
}



let png: Buffer;
let tiff: Buffer;
let server: TestServer;
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  png = await image(400, 518).png().withDensity(300).toBuffer();
  const red = await image(300, 200, "#ff0000").png().toBuffer();
  const blue = await image(300, 200, "#0000ff").png().toBuffer();
  tiff = await sharp([red, blue], { join: { animated: true } }).tiff().toBuffer();
  server = await startTestServer((_req, res, url) => {
    if (url.pathname === "/doc.pdf") return void res.end(twoPagePdf);
    if (url.pathname === "/slow.png") {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return void setTimeout(() => {
        inFlight--;
        res.end(png);
      }, 60);
    }
    if (url.pathname === "/page.png") return void res.end(png);
    res.writeHead(404).end();
  });
});

afterAll(async () => {
  await server.close();
});

describe("createPageLoader: formats", () => {
  it("loads PNG, JPEG and WebP as single pages with the original bytes and their DPI", async () => {
    const jpeg = await image(300, 400).jpeg().withDensity(150).toBuffer();
    const jpegNoDensity = await image(300, 400).jpeg().toBuffer();
    const webp = await image(320, 240).webp().toBuffer();
    const doc = await load([{ content: png }, { content: jpeg }, { content: jpegNoDensity }, { content: webp }]);
    expect(doc.totalPages).toBe(4);
    expect(doc.pages.map((p) => [p.index, p.sourceIndex, p.format])).toEqual([
      [0, 0, "png"],
      [1, 1, "jpeg"],
      [2, 2, "jpeg"],
      [3, 3, "webp"],
    ]);
    const decoded = await Promise.all(doc.pages.map((p) => p.decode()));
    expect(decoded.map((d) => [d.index, d.width, d.height, d.dpi])).toEqual([
      [0, 400, 518, 300],
      [1, 300, 400, 150],
      [2, 300, 400, undefined],
      [3, 320, 240, undefined],
    ]);
    expect(decoded[0]?.image.equals(png)).toBe(true);
    expect(decoded[1]?.image.equals(jpeg)).toBe(true);
    await doc.close();
  });

  it("loads a 2-page TIFF as two PNG pages", async () => {
    const doc = await load([{ content: tiff }]);
    expect(doc.totalPages).toBe(2);
    const pages = await Promise.all(doc.pages.map((p) => p.decode()));
    expect(pages.map((p) => [p.index, p.width, p.height, sniffFormat(p.image)])).toEqual([
      [0, 300, 200, "png"],
      [1, 300, 200, "png"],
    ]);
    const { dominant } = await sharp(pages[1]?.image).stats();
    expect(dominant.b).toBeGreaterThan(200);
    expect(dominant.r).toBeLessThan(50);
  });

  it("rasterises a 2-page Letter PDF at 200 DPI, lazily, and closes it", async () => {
    const doc = await load([{ content: twoPagePdf }]);
    expect(doc.totalPages).toBe(2);
    expect(doc.pages.map((p) => p.format)).toEqual(["pdf", "pdf"]);
    const second = await doc.pages[1]!.decode();
    expect([second.index, second.width, second.height, second.dpi]).toEqual([1, 1700, 2200, 200]);
    expect(sniffFormat(second.image)).toBe("png");
    const stats = await sharp(second.image).stats();
    expect(stats.channels[0]?.min).toBeLessThan(40); // the black box and the caption were drawn
    expect(stats.channels[0]?.max).toBe(255); // on a white page
    // The caption uses non-embedded Helvetica: it only shows up when pdf.js finds its standard fonts.
    const caption = await sharp(second.image).extract({ left: 150, top: 200, width: 600, height: 110 }).toBuffer();
    expect((await sharp(caption).stats()).channels[0]?.min).toBeLessThan(80);
    await doc.close();
    const closed = await failure(doc.pages[0]!.decode());
    expect(closed.code).toBe(Code.FailedPrecondition);
  });

  it("renders at 72 DPI when a side would pass 4500 px, and honours pdfDpi", async () => {
    const wide = buildTestPdf([{ widthPt: 2000, heightPt: 1000, text: "Wide" }]);
    const doc = await load([{ content: wide }, { content: twoPagePdf }]);
    const [a, b] = await Promise.all([doc.pages[0]!.decode(), doc.pages[1]!.decode()]);
    expect([a.width, a.height, a.dpi]).toEqual([2000, 1000, 72]);
    expect([b.width, b.height, b.dpi]).toEqual([1700, 2200, 200]);
    await doc.close();
    const lowDpi = await load([{ content: twoPagePdf }], undefined, { pdfDpi: 100 });
    const c = await lowDpi.pages[0]!.decode();
    expect([c.width, c.height, c.dpi]).toEqual([850, 1100, 100]);
    await lowDpi.close();
  });

  it("applies EXIF orientation, re-encoding only that page", async () => {
    const rotated = await image(300, 200).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const doc = await load([{ content: rotated }]);
    const page = await doc.pages[0]!.decode();
    expect([page.width, page.height, sniffFormat(page.image)]).toEqual([200, 300, "png"]);
  });

  it("trusts the bytes over a contradicting mediaType", async () => {
    const doc = await load([{ content: png, mediaType: "application/pdf" }]);
    expect(doc.pages[0]?.format).toBe("png");
  });
});

describe("createPageLoader: sources", () => {
  it("fetches URL sources and data: URLs, in order", async () => {
    const dataUrl = `data:image/tiff;base64,${tiff.toString("base64")}`;
    const doc = await load([{ url: `${server.origin}/doc.pdf` }, { url: dataUrl }, { url: `${server.origin}/page.png?sig=1` }]);
    expect(doc.pages.map((p) => [p.index, p.sourceIndex, p.format])).toEqual([
      [0, 0, "pdf"],
      [1, 0, "pdf"],
      [2, 1, "tiff"],
      [3, 1, "tiff"],
      [4, 2, "png"],
    ]);
    await doc.close();
  });

  // Built lazily: `png` only exists once beforeAll has run.
  it("fetches at most 4 sources at a time", async () => {
    maxInFlight = 0;
    const doc = await load(Array.from({ length: 9 }, (_, i) => ({ url: `${server.origin}/slow.png?i=${i}` })));
    expect(doc.pages.map((p) => p.sourceIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(maxInFlight).toBe(4);
  });

  it.each([
    [() => [], Code.InvalidArgument, "document.sources: at least one source is required"],
    [() => [{ content: png }, { url: "x", content: png }], Code.InvalidArgument, "sources[1]: exactly one of url or content is required"],
    [() => [{}], Code.InvalidArgument, "sources[0]: exactly one of url or content is required"],
    [() => [{ content: new Uint8Array() }], Code.InvalidArgument, "sources[0]: empty content"],
    [() => [{ content: png }, { content: Buffer.from("GIF89a junk") }], Code.InvalidArgument, "sources[1]: unsupported format (not PNG, JPEG, WebP, TIFF or PDF)"],
    [() => [{ url: "data:image/png;base64,@@@" }], Code.InvalidArgument, "sources[0]: data URL: invalid base64"],
    [() => [{ content: Buffer.alloc(6 * 1024 * 1024) }], Code.ResourceExhausted, "sources[0]: 6291456 bytes exceeds the limit of 5242880 bytes"],
  ] as const)("rejects bad sources %#", async (sources, code, message) => {
    const error = await failure(load(sources() as SourceInput[]));
    expect(error.code).toBe(code);
    expect(error.rawMessage).toBe(message);
  });

  it("maps fetch failures onto the source index", async () => {
    const notFound = await failure(load([{ content: png }, { url: `${server.origin}/missing.pdf?X-Amz-Signature=secret` }]));
    expect(notFound.code).toBe(Code.FailedPrecondition);
    expect(notFound.rawMessage).toBe("sources[1]: fetch failed: HTTP 404");
    const httpRefused = await failure(load([{ url: `${server.origin}/page.png` }], undefined, { allowHttp: false }));
    expect(httpRefused.code).toBe(Code.InvalidArgument);
    expect(httpRefused.rawMessage).toBe("sources[0]: fetch refused: scheme http: is not allowed (https only)");
    const privateRefused = await failure(load([{ url: "https://10.0.0.5/a.pdf?X-Amz-Signature=secret" }], undefined, { allowPrivateNetworks: false }));
    expect(privateRefused.rawMessage).toBe("sources[0]: fetch refused: address is private (10.0.0.5)");
    expect(privateRefused.message).not.toContain("secret");
  });

  it("honours an aborted signal", async () => {
    const error = await failure(createPageLoader({ ...testIngestOptions, allowPrivateNetworks: true, allowHttp: true }).load([{ content: png }], undefined, AbortSignal.abort()));
    expect(error.code).toBe(Code.Canceled);
    const doc = await load([{ content: twoPagePdf }]);
    const decodeError = await failure(doc.pages[0]!.decode(AbortSignal.abort()));
    expect(decodeError.code).toBe(Code.Canceled);
    await doc.close();
  });
});

/** These tests fetch from a loopback test server, so private addresses and http are allowed. */
function load(sources: SourceInput[], range?: PageRangeInput, extra: Partial<IngestOptions> = {}): Promise<LoadedDocument> {
  return loadPages(sources, range, { allowPrivateNetworks: true, allowHttp: true, ...extra });
}
