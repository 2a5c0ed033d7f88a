import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";

/** A plain PNG page of the given size and colour. */
export function pngPage(width: number, height: number, background = "#ffffff"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();
}

/** A multi-page TIFF, one page per colour (a scanned multi-page document). */
export async function multiPageTiff(colours: string[], width = 60, height = 40): Promise<Buffer> {
  const pages = await Promise.all(colours.map((colour) => pngPage(width, height, colour)));
  return sharp(pages, { join: { animated: true } }).tiff().toBuffer();
}

/** The first half of a real PNG: the header parses, the pixels do not. */
export async function truncatedPng(): Promise<Buffer> {
  const whole = await sharp({ create: { width: 200, height: 200, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 30 } } })
    .png()
    .toBuffer();
  return whole.subarray(0, Math.floor(whole.length / 2));
}

/** A JPEG start-of-image marker followed by garbage: sniffed as JPEG, unreadable. */
export function corruptJpeg(): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(256, 0x5a)]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/**
 * A decompression bomb's calling card: a ~100-byte PNG whose header claims
 * width × height pixels (100 000 × 100 000 = 10^10 by default). Only the
 * header is real; a loader must refuse it before allocating anything.
 */
export function pngClaiming(width = 100_000, height = 100_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.alloc(64))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The width in a PNG's IHDR: lets a fake model server tell pages apart by size. */
export function pngWidth(png: Buffer): number {
  return png.readUInt32BE(16);
}

/** The PNG inside a chat completion request's first image_url (a data: URL), if any. */
export function requestPng(body: unknown): Buffer | undefined {
  const content = (body as { messages?: Array<{ content?: Array<{ image_url?: { url?: string } }> }> })?.messages?.[0]?.content ?? [];
  const url = content.find((part) => part.image_url)?.image_url?.url ?? "";
  const comma = url.indexOf(",");
  return comma < 0 ? undefined : Buffer.from(url.slice(comma + 1), "base64");
}
