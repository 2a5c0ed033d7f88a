import sharp, { type Sharp } from "sharp";
import { estimateSkew } from "./estimate-skew.js";
import { removeFormRules } from "./remove-form-rules.js";
import { sharpenGrey } from "./sharpen-grey.js";
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
/** Smaller tilts do not bother Tesseract, and straightening would only blur the page. */
const MIN_DESKEW_DEGREES = 0.3;
/** The tilted row profile must be clearly sharper than the level one, or the "angle" is noise. */
const MIN_SKEW_CONTRAST = 1.1;
/**
 * Restoration of low-resolution scans, in pixels of the upscaled (~200 DPI) image: an unsharp
 * mask that undoes the upscale and scan blur, and form rules of at least 0.3 in with at most
 * 0.04 in of thickness.
 */
const SHARPEN_SIGMA_PX = 2;
const RULE_MIN_LENGTH_PX = 60;
const RULE_MAX_THICKNESS_PX = 8;
/**
 * The PNG only travels to the OCR worker (or the CLI's stdin): deflate level 6 spends ~0.25 s
 * on a noisy 2000 × 2300 scan, level 1 about 40 ms, for the same pixels.
 */
const PNG_COMPRESSION = 1;

/** The page image for CPU OCR and how it maps onto the decoded page. */
export interface OcrImage {
  /** Greyscale PNG. */
  png: Buffer;
  width: number;
  height: number;
  /** OCR pixels per decoded-page pixel (the upscale factor; 1 when not enlarged). */
  scale: number;
  /**
   * Degrees the scaled page was turned (clockwise positive, as sharp's rotate) about its centre
   * to straighten its text lines; the OCR image is then the bounding canvas of the turned page,
   * centred on the same point. 0 when the page was not turned.
   */
  rotationDeg: number;
  /** The page was below ~150 DPI: upscaled, sharpened, and its form rules removed. */
  lowResolution: boolean;
}

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
 * Greyscale page for CPU OCR.
 * - A tilted page (phone shots, scans fed at an angle) is straightened: Tesseract's line finder
 *   assumes level lines, and at 1–2° a form's label rows run into the rows below.
 * - Pages below ~150 DPI lose small labels, so they are upscaled to about 200 DPI with lanczos3,
 *   sharpened, and their form rules are removed (see removeFormRules).
 * A page that needs neither is only converted to greyscale. Map OCR boxes back with `scale`
 * and `rotationDeg` (see OcrImage).
 */
export async function prepareForOcr(page: DecodedPage): Promise<OcrImage> {
  const factor = ocrUpscaleFactor(page);
  const lowResolution = factor > 1;
  const skew = await estimateSkew(page.image);
  const rotationDeg = Math.abs(skew.degrees) >= MIN_DESKEW_DEGREES && skew.contrast >= MIN_SKEW_CONTRAST ? -skew.degrees : 0;
  const width = lowResolution ? Math.round(page.width * factor) : page.width;
  const height = lowResolution ? Math.round(page.height * factor) : page.height;
  const scale = width / page.width;

  const grey = sharp(page.image).flatten({ background: "#ffffff" }).grayscale().toColourspace("b-w");
  if (!lowResolution && rotationDeg === 0) {
    return { png: await grey.png({ compressionLevel: PNG_COMPRESSION }).toBuffer(), width, height, scale, rotationDeg, lowResolution };
  }
  // One sharp pipeline applies rotate before resize whatever the call order, so the upscale is
  // materialised first: turning the enlarged page keeps the interpolation blur at the finer grid.
  let raw = await (lowResolution ? grey.resize(width, height, { fit: "fill", kernel: "lanczos3" }) : grey)
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (rotationDeg !== 0) {
    raw = await fromRaw(raw.data, raw.info.width, raw.info.height)
      .rotate(rotationDeg, { background: "#ffffff" })
      .raw()
      .toBuffer({ resolveWithObject: true });
  }
  let pixels: Uint8Array = new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.length);
  if (lowResolution) {
    pixels = await sharpenGrey(pixels, raw.info.width, raw.info.height, SHARPEN_SIGMA_PX);
    pixels = removeFormRules(pixels, raw.info.width, raw.info.height, { minLengthPx: RULE_MIN_LENGTH_PX, maxThicknessPx: RULE_MAX_THICKNESS_PX });
  }
  const png = await fromRaw(pixels, raw.info.width, raw.info.height).png({ compressionLevel: PNG_COMPRESSION }).toBuffer();
  return { png, width: raw.info.width, height: raw.info.height, scale, rotationDeg, lowResolution };
}

/** Raw grey pixels as a sharp input that also writes one channel (sharp's output default is sRGB). */
function fromRaw(pixels: Uint8Array, width: number, height: number): Sharp {
  return sharp(pixels, { raw: { width, height, channels: 1 } }).toColourspace("b-w");
}
