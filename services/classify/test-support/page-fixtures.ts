import type { PageHandle } from "@docproc/ingest";
import sharp from "sharp";

/** A plain grey PNG page of the given size with a dark band, so that pages differ by `shade`. */
export async function makePagePng(width: number, height: number, shade = 40): Promise<Buffer> {
  const band = await sharp({ create: { width, height: Math.max(1, Math.round(height / 10)), channels: 3, background: { r: shade, g: shade, b: shade } } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: { r: 250, g: 250, b: 250 } } })
    .composite([{ input: band, top: Math.round(height / 5), left: 0 }])
    .png()
    .toBuffer();
}

/** A PageHandle over an in-memory PNG, without the page loader. */
export function pageHandleFromPng(index: number, png: Buffer, size: { width: number; height: number }): PageHandle {
  return {
    index,
    sourceIndex: index,
    format: "png",
    async decode(signal?: AbortSignal) {
      signal?.throwIfAborted();
      return { index, width: size.width, height: size.height, dpi: 200, image: png };
    },
  };
}
