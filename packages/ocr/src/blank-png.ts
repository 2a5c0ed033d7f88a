import sharp from "sharp";

let cached: Promise<Buffer> | undefined;

/** A small white greyscale PNG used to warm the OCR workers up. */
export function blankPng(): Promise<Buffer> {
  cached ??= sharp({ create: { width: 64, height: 32, channels: 3, background: "#ffffff" } })
    .grayscale()
    .png()
    .toBuffer();
  return cached;
}
