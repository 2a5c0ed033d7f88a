import { smartResize } from "./smart-resize.js";
import { toRgbFrame } from "./to-rgb-frame.js";
import type { DecodedPage } from "./types.js";

/**
 * The page as dots.ocr should receive it: RGB on white, already in the smart_resize frame
 * (factor 28, 3136..11289600 px) so vLLM's own resize is a no-op and model coordinates map
 * back with width/originalWidth and height/originalHeight.
 */
export async function prepareForDotsOcr(
  page: DecodedPage,
): Promise<{ png: Buffer; width: number; height: number; originalWidth: number; originalHeight: number }> {
  const frame = smartResize(page.height, page.width);
  const png = await toRgbFrame(page.image, frame.width, frame.height);
  return { png, width: frame.width, height: frame.height, originalWidth: page.width, originalHeight: page.height };
}
