import { Code, ConnectError } from "@connectrpc/connect";

export interface SmartResizeOptions {
  factor?: number;
  minPixels?: number;
  maxPixels?: number;
}

/**
 * Python's round(): ties go to the even neighbour. Hand-written because JS has no
 * banker's rounding and Math.round sends every .5 up (70/28 = 2.5 must give 2, not 3).
 */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Exact port of dots.ocr / Qwen2-VL `smart_resize` (dots_ocr/utils/image_utils.py): both sides
 * become multiples of `factor` with the area kept inside [minPixels, maxPixels]. Sending an image
 * already in this frame makes vLLM's own resize a no-op. Note the argument order: height first.
 */
export function smartResize(
  height: number,
  width: number,
  opts: SmartResizeOptions = {},
): { height: number; width: number } {
  const factor = opts.factor ?? 28;
  const minPixels = opts.minPixels ?? 3136;
  const maxPixels = opts.maxPixels ?? 11_289_600;
  if (!(height > 0 && width > 0) || !Number.isFinite(height) || !Number.isFinite(width)) {
    throw new ConnectError(`image: invalid size ${width}x${height}`, Code.InvalidArgument);
  }
  const aspect = Math.max(height, width) / Math.min(height, width);
  if (aspect > 200) {
    throw new ConnectError(`image: aspect ratio ${aspect.toFixed(1)} exceeds 200`, Code.InvalidArgument);
  }
  let hBar = Math.max(factor, roundHalfEven(height / factor) * factor);
  let wBar = Math.max(factor, roundHalfEven(width / factor) * factor);
  if (hBar * wBar > maxPixels) {
    const beta = Math.sqrt((height * width) / maxPixels);
    hBar = Math.max(factor, Math.floor(height / beta / factor) * factor);
    wBar = Math.max(factor, Math.floor(width / beta / factor) * factor);
  } else if (hBar * wBar < minPixels) {
    const beta = Math.sqrt(minPixels / (height * width));
    hBar = Math.ceil((height * beta) / factor) * factor;
    wBar = Math.ceil((width * beta) / factor) * factor;
    if (hBar * wBar > maxPixels) {
      const beta2 = Math.sqrt((hBar * wBar) / maxPixels);
      hBar = Math.max(factor, Math.floor(hBar / beta2 / factor) * factor);
      wBar = Math.max(factor, Math.floor(wBar / beta2 / factor) * factor);
    }
  }
  return { height: hBar, width: wBar };
}
