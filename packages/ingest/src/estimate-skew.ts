import sharp from "sharp";
import { otsuThreshold } from "./otsu-threshold.js";

/** How far the text lines of a page are turned. */
export interface SkewEstimate {
  /**
   * Degrees, positive when the lines fall to the right (the page was turned clockwise, the
   * sign sharp's rotate() uses); straighten with rotate(-degrees). 0 when nothing was found.
   */
  degrees: number;
  /**
   * How much sharper the row profile is at that angle than at 0° (1 = no better). Pages
   * without text lines (photos, blank pages) stay near 1, so callers can ignore the angle.
   */
  contrast: number;
}

export interface EstimateSkewOptions {
  /** The search covers ±maxDegrees; default 5. */
  maxDegrees?: number;
  /** The image is shrunk to this width first (the angle does not need more); default 1000. */
  workWidthPx?: number;
}

const DEFAULT_MAX_DEGREES = 5;
const DEFAULT_WORK_WIDTH_PX = 1000;
/** More ink pixels than this are sampled evenly; the profile shape does not change. */
const MAX_INK_POINTS = 250_000;
const MIN_INK_POINTS = 200;
const NONE: SkewEstimate = { degrees: 0, contrast: 1 };

/**
 * Estimates the skew of a scanned page by projection profiles: the ink pixels are summed
 * along rows tilted by each candidate angle, and the angle whose profile has the sharpest
 * row edges (text lines and rules stacking up exactly) wins. Coarse-to-fine search over
 * ±maxDegrees to about 0.01°. Hand-written because neither sharp nor tesseract.js exposes
 * a skew estimate that works for both OCR engines (tesseract.js's rotateAuto reports an
 * angle only after recognising the page, and the native CLI has none in its TSV).
 */
export async function estimateSkew(image: Buffer, options: EstimateSkewOptions = {}): Promise<SkewEstimate> {
  const maxDegrees = options.maxDegrees ?? DEFAULT_MAX_DEGREES;
  const workWidthPx = options.workWidthPx ?? DEFAULT_WORK_WIDTH_PX;
  const metadata = await sharp(image).metadata();
  const width = metadata.width ?? 0;
  if (width < 32) return NONE;
  const { data, info } = await sharp(image)
    .flatten({ background: "#ffffff" })
    .grayscale()
    .resize({ width: Math.min(width, workWidthPx), kernel: "linear", withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return skewOfGrey(new Uint8Array(data.buffer, data.byteOffset, data.length), info.width, info.height, maxDegrees);
}

/** estimateSkew on raw 8-bit grey pixels (row-major, one byte per pixel). */
export function skewOfGrey(grey: Uint8Array, width: number, height: number, maxDegrees = DEFAULT_MAX_DEGREES): SkewEstimate {
  const points = inkPoints(grey, width, height);
  if (points.xs.length < MIN_INK_POINTS) return NONE;
  const score = profileScorer(points, width, height, maxDegrees);
  let best = 0;
  let bestScore = score(0);
  const zeroScore = bestScore;
  // Coarse to fine: each pass searches ±1 step of the previous one around the best angle.
  for (const [step, span] of [
    [0.25, maxDegrees],
    [0.05, 0.25],
    [0.01, 0.05],
  ] as const) {
    const center = best;
    for (let k = -Math.round(span / step); k <= Math.round(span / step); k++) {
      const angle = center + k * step;
      if (Math.abs(angle) > maxDegrees) continue;
      const s = score(angle);
      if (s > bestScore) {
        bestScore = s;
        best = angle;
      }
    }
  }
  return { degrees: Math.round(best * 100) / 100, contrast: zeroScore > 0 ? bestScore / zeroScore : 1 };
}

interface InkPoints {
  xs: Int32Array;
  ys: Int32Array;
}

/** The ink pixels (the minority side of Otsu's threshold, so light-on-dark pages work too). */
function inkPoints(grey: Uint8Array, width: number, height: number): InkPoints {
  const threshold = otsuThreshold(grey);
  let dark = 0;
  for (let i = 0; i < grey.length; i++) if ((grey[i] as number) < threshold) dark += 1;
  const inkIsDark = dark <= grey.length / 2;
  const inkCount = inkIsDark ? dark : grey.length - dark;
  const stride = Math.max(1, Math.ceil(inkCount / MAX_INK_POINTS));
  const capacity = Math.ceil(inkCount / stride);
  const xs = new Int32Array(capacity);
  const ys = new Int32Array(capacity);
  let seen = 0;
  let n = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const isDark = (grey[row + x] as number) < threshold;
      if (isDark !== inkIsDark) continue;
      if (seen++ % stride !== 0 || n >= capacity) continue;
      xs[n] = x;
      ys[n] = y;
      n += 1;
    }
  }
  return { xs: xs.subarray(0, n), ys: ys.subarray(0, n) };
}

/**
 * The sharpness of the row profile at an angle: the sum of squared differences between
 * neighbouring rows. Aligned text lines give tall, steep-sided peaks; a wrong angle smears
 * them out.
 */
function profileScorer(points: InkPoints, width: number, height: number, maxDegrees: number): (degrees: number) => number {
  const pad = Math.ceil(width * Math.tan((maxDegrees * Math.PI) / 180)) + 2;
  const bins = new Int32Array(height + 2 * pad);
  const { xs, ys } = points;
  return (degrees) => {
    bins.fill(0);
    const slope = Math.tan((degrees * Math.PI) / 180);
    for (let i = 0; i < xs.length; i++) {
      const bin = Math.round((ys[i] as number) - (xs[i] as number) * slope) + pad;
      bins[bin] = (bins[bin] as number) + 1;
    }
    let sum = 0;
    for (let i = 1; i < bins.length; i++) {
      const d = (bins[i] as number) - (bins[i - 1] as number);
      sum += d * d;
    }
    return sum;
  };
}
