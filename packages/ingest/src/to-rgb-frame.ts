import sharp from "sharp";

/**
 * Encodes `image` as an RGB PNG of exactly width x height: alpha is composited onto white
 * (as dots.ocr's to_rgb does), grey and CMYK become sRGB, and the resize is skipped when the
 * size already matches.
 */
export async function toRgbFrame(image: Buffer, width: number, height: number): Promise<Buffer> {
  const metadata = await sharp(image).metadata();
  let pipeline = sharp(image).flatten({ background: "#ffffff" }).toColourspace("srgb");
  if (metadata.width !== width || metadata.height !== height) {
    pipeline = pipeline.resize(width, height, { fit: "fill", kernel: "lanczos3" });
  }
  return pipeline.png().toBuffer();
}
