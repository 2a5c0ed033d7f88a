import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { sniffFormat } from "./sniff-format.js";

const base = () => sharp({ create: { width: 8, height: 8, channels: 3, background: "#808080" } });

describe("sniffFormat", () => {
  it("recognises each supported format from real encodes", async () => {
    expect(sniffFormat(await base().png().toBuffer())).toBe("png");
    expect(sniffFormat(await base().jpeg().toBuffer())).toBe("jpeg");
    expect(sniffFormat(await base().webp().toBuffer())).toBe("webp");
    expect(sniffFormat(await base().tiff().toBuffer())).toBe("tiff");
    expect(sniffFormat(Buffer.from("%PDF-1.7\n%âãÏÓ\n", "latin1"))).toBe("pdf");
  });

  it("knows big-endian TIFF, BigTIFF and a PDF header after leading junk", () => {
    expect(sniffFormat(Uint8Array.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]))).toBe("tiff");
    expect(sniffFormat(Uint8Array.from([0x49, 0x49, 0x2b, 0x00, 8, 0, 0, 0]))).toBe("tiff");
    expect(sniffFormat(Buffer.concat([Buffer.alloc(100, 0x20), Buffer.from("%PDF-1.4\n")]))).toBe("pdf");
    expect(sniffFormat(Buffer.concat([Buffer.alloc(2000, 0x20), Buffer.from("%PDF-1.4\n")]))).toBeUndefined();
  });

  it("returns undefined for garbage, empty input, GIF and near misses", async () => {
    expect(sniffFormat(new Uint8Array())).toBeUndefined();
    expect(sniffFormat(Buffer.from("hello world, definitely not an image"))).toBeUndefined();
    expect(sniffFormat(Buffer.from("<html><body>403 Forbidden</body></html>"))).toBeUndefined();
    expect(sniffFormat(await base().gif().toBuffer())).toBeUndefined();
    expect(sniffFormat(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined(); // truncated signature
    expect(sniffFormat(Buffer.from("RIFF\0\0\0\0WAVEfmt "))).toBeUndefined();
    expect(sniffFormat(Uint8Array.from([0xff, 0xd8]))).toBeUndefined();
  });
});
