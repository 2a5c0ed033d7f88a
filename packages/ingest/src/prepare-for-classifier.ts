import { smartResize } from "./smart-resize.js";
import { toRgbFrame } from "./to-rgb-frame.js";
import type { DecodedPage } from "./types.js";

/** About one megapixel: plenty to tell a W-2 from a 1099 and cheap in vision tokens. */
export const CLASSIFIER_MAX_PIXELS = 1_003_520;

/**
 * A smaller RGB copy for page classification: the smart_resize frame for `maxPixels`, so both
 * sides are multiples of 28 and a small page is never enlarged beyond that frame.
 */
export async function prepareForClassifier(
  page: DecodedPage,
  opts: { maxPixels?: number } = {},
): Promise<{ png: Buffer; width: number; height: number }> {
  const frame = smartResize(page.height, page.width, { maxPixels: opts.maxPixels ?? CLASSIFIER_MAX_PIXELS });
  const png = await toRgbFrame(page.image, frame.width, frame.height);
  return { png, width: frame.width, height: frame.height };
}
