import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { readJfifDpi } from "./read-jfif-dpi.js";

function jfif(units: number, density: number): Uint8Array {
  // SOI, APP0 length 16, "JFIF\0", version 1.1, units, Xdensity, Ydensity, no thumbnail.
  return Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, units, density >> 8, density & 0xff, density >> 8, density & 0xff, 0, 0]);
}

describe("readJfifDpi", () => {
  it("reads dots per inch and converts dots per cm", () => {
    expect(readJfifDpi(jfif(1, 300))).toBe(300);
    expect(readJfifDpi(jfif(2, 118))).toBe(300);
  });

  it("is undefined without units or without JFIF, where sharp would claim 72", async () => {
    expect(readJfifDpi(jfif(0, 1))).toBeUndefined();
    const bare = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } }).jpeg().toBuffer();
    expect((await sharp(bare).metadata()).density).toBe(72);
    expect(readJfifDpi(bare)).toBeUndefined();
  });
});
