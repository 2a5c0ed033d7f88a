import { otsuThreshold } from "./otsu-threshold.js";

export interface RemoveFormRulesOptions {
  /** A straight dark run at least this long is a rule (text strokes and words are broken up much sooner). */
  minLengthPx: number;
  /** A run thicker than this across its length is a filled area (a bar, shading, a logo) and is kept. */
  maxThicknessPx: number;
  /** Pixels darker than this are ink; defaults to Otsu's threshold of the image. */
  inkBelow?: number;
}

/** The soft edge of a rule (anti-aliasing, scan blur) is cleared this far to each side. */
const EDGE_PX = 2;

/**
 * Whitens the ruling lines of a form (box borders, table rules, underlines) in raw 8-bit grey
 * pixels and returns a new buffer. On a low-resolution scan the small box labels sit a few
 * pixels from these lines; Tesseract then reads line and letters as one blob ("PAYER'S TIN"
 * came out as "DERI"), and its single-column line finder joins boxes across the rules.
 * Filled areas are kept so white-on-dark headers and shaded boxes survive. Hand-written:
 * sharp has no morphological opening with a line-shaped element, which is the usual tool.
 */
export function removeFormRules(grey: Uint8Array, width: number, height: number, options: RemoveFormRulesOptions): Uint8Array {
  const inkBelow = options.inkBelow ?? otsuThreshold(grey);
  const dark = new Uint8Array(grey.length);
  for (let i = 0; i < grey.length; i++) dark[i] = (grey[i] as number) < inkBelow ? 1 : 0;
  const horizontal = runsAlongRows(dark, width, height, options.minLengthPx);
  keepThinAcrossRows(horizontal, width, height, options.maxThicknessPx);
  const vertical = runsAlongColumns(dark, width, height, options.minLengthPx);
  keepThinAlongRows(vertical, width, height, options.maxThicknessPx);

  const out = new Uint8Array(grey);
  // A rule's blurred edge is lighter than ink but darker than paper; clear it up to here.
  const edgeBelow = inkBelow + Math.round((255 - inkBelow) * 0.6);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (horizontal[i]) whiten(out, width, height, x, y, 0, 1, edgeBelow);
      if (vertical[i]) whiten(out, width, height, x, y, 1, 0, edgeBelow);
    }
  }
  return out;
}

// The passes below all walk the pixels row by row (a column walk over a 2000 × 2300 page is
// several times slower); runs down the columns keep one open run per column instead.

/** Marks runs of set pixels along each row of at least minLength (in a new mask). */
function runsAlongRows(mask: Uint8Array, width: number, height: number, minLength: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let start = -1;
    for (let x = 0; x <= width; x++) {
      const on = x < width && mask[row + x] === 1;
      if (on && start < 0) start = x;
      else if (!on && start >= 0) {
        if (x - start >= minLength) out.fill(1, row + start, row + x);
        start = -1;
      }
    }
  }
  return out;
}

/** Marks runs of set pixels down each column of at least minLength (in a new mask). */
function runsAlongColumns(mask: Uint8Array, width: number, height: number, minLength: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  forEachColumnRun(mask, width, height, (x, y0, y1) => {
    if (y1 - y0 < minLength) return;
    for (let y = y0; y < y1; y++) out[y * width + x] = 1;
  });
  return out;
}

/** Clears runs down the columns longer than maxThickness: a horizontal "rule" that thick is a filled area. */
function keepThinAcrossRows(mask: Uint8Array, width: number, height: number, maxThickness: number): void {
  forEachColumnRun(mask, width, height, (x, y0, y1) => {
    if (y1 - y0 <= maxThickness) return;
    for (let y = y0; y < y1; y++) mask[y * width + x] = 0;
  });
}

/** Clears runs along the rows longer than maxThickness: a vertical "rule" that wide is a filled area. */
function keepThinAlongRows(mask: Uint8Array, width: number, height: number, maxThickness: number): void {
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let start = -1;
    for (let x = 0; x <= width; x++) {
      const on = x < width && mask[row + x] === 1;
      if (on && start < 0) start = x;
      else if (!on && start >= 0) {
        if (x - start > maxThickness) mask.fill(0, row + start, row + x);
        start = -1;
      }
    }
  }
}

/** Calls back with every run of set pixels down a column as [y0, y1), walking row by row. */
function forEachColumnRun(mask: Uint8Array, width: number, height: number, onRun: (x: number, y0: number, y1: number) => void): void {
  const start = new Int32Array(width).fill(-1);
  for (let y = 0; y <= height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const on = y < height && mask[row + x] === 1;
      const open = start[x] as number;
      if (on && open < 0) start[x] = y;
      else if (!on && open >= 0) {
        onRun(x, open, y);
        start[x] = -1;
      }
    }
  }
}

/** Whitens a rule pixel and the darker-than-paper pixels beside it, across the rule (dx, dy is the across step). */
function whiten(out: Uint8Array, width: number, height: number, x: number, y: number, dx: number, dy: number, edgeBelow: number): void {
  out[y * width + x] = 255;
  for (const sign of [-1, 1]) {
    for (let d = 1; d <= EDGE_PX; d++) {
      const xx = x + sign * d * dx;
      const yy = y + sign * d * dy;
      if (xx < 0 || yy < 0 || xx >= width || yy >= height) break;
      const i = yy * width + xx;
      if ((out[i] as number) >= edgeBelow) break;
      out[i] = 255;
    }
  }
}
