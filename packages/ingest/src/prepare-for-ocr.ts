import sharp from "sharp";
import type { DecodedPage } from "./types.js";

const LOW_DPI = 150;
const TARGET_DPI = 200;
const MAX_UPSCALE = 4;
/** Letter at 200 DPI; used when the DPI is unknown and the page looks like a small letter scan. */
const LETTER_WIDTH_AT_TARGET_PX = 1700;
const SMALL_PAGE_WIDTH_PX = 1000;
/**
 * Writers stamp these when they do not know the resolution (Chromium screenshots carry 72 while
 * being 200 DPI renders), so they say nothing about the scan and are treated as unknown.
 */
const PLACEHOLDER_DPIS = new Set([72, 96]);

/** How much to enlarge a page before CPU OCR; 1 when it is already dense enough. */
export function ocrUpscaleFactor(page: Pick<DecodedPage, "width" | "height" | "dpi">): number {
  const dpi = page.dpi !== undefined && !PLACEHOLDER_DPIS.has(Math.round(page.dpi)) ? page.dpi : undefined;
  let scale = 1;
  if (dpi !== undefined) {
    if (dpi < LOW_DPI) scale = TARGET_DPI / dpi;
  } else {
    const aspect = page.height / page.width;
    const letterish = aspect >= 1.2 && aspect <= 1.5;
    if (letterish && page.width < SMALL_PAGE_WIDTH_PX) scale = LETTER_WIDTH_AT_TARGET_PX / page.width;
  }
  return Math.min(scale, MAX_UPSCALE);
}

/**
 * Greyscale page for CPU OCR. Pages below ~150 DPI lose small labels, so they are upscaled to
 * about 200 DPI with lanczos3. OCR boxes map back to the decoded page by dividing by `scale`.
 */
export async function prepareForOcr(page: DecodedPage): Promise<{ png: Buffer; width: number; height: number; scale: number }> {
  const factor = ocrUpscaleFactor(page);
  let pipeline = sharp(page.image).flatten({ background: "#ffffff" }).grayscale().toColourspace("b-w");
  let width = page.width;
  let height = page.height;
  if (factor > 1) {
    width = Math.round(page.width * factor);
    height = Math.round(page.height * factor);
    pipeline = pipeline.resize(width, height, { fit: "fill", kernel: "lanczos3" });
  }
  const png = await pipeline.png().toBuffer();
  return { png, width, height, scale: width / page.width };
}
