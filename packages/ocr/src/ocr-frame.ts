import type { OcrBox } from "./types.js";

/**
 * How the OCR image relates to the original page: the page was scaled by `scale`, then
 * (optionally) turned by `rotationDeg` about its centre onto a canvas of ocrWidth × ocrHeight
 * with the same centre (what sharp's rotate() does).
 */
export interface OcrFrame {
  originalWidth: number;
  originalHeight: number;
  /** OCR pixels per original pixel. */
  scale: number;
  /** Degrees the scaled page was turned before OCR, clockwise positive; absent or 0 when not turned. */
  rotationDeg?: number;
  /** The OCR image size; required with rotationDeg (it locates the turned page's centre). */
  ocrWidth?: number;
  ocrHeight?: number;
}

export interface Point {
  x: number;
  y: number;
}

function validScale(frame: OcrFrame): number {
  return frame.scale > 0 ? frame.scale : 1;
}

/** The turn and the two centres; undefined when the frame is not turned. */
function turn(frame: OcrFrame): { cos: number; sin: number; page: Point; ocr: Point } | undefined {
  const degrees = frame.rotationDeg ?? 0;
  if (degrees === 0 || !Number.isFinite(degrees)) return undefined;
  const scale = validScale(frame);
  const page = { x: (frame.originalWidth * scale) / 2, y: (frame.originalHeight * scale) / 2 };
  const ocr = { x: (frame.ocrWidth ?? frame.originalWidth * scale) / 2, y: (frame.ocrHeight ?? frame.originalHeight * scale) / 2 };
  const radians = (degrees * Math.PI) / 180;
  return { cos: Math.cos(radians), sin: Math.sin(radians), page, ocr };
}

/** A point of the OCR image in original page pixels (not clamped). */
export function toOriginalPoint(point: Point, frame: OcrFrame): Point {
  const scale = validScale(frame);
  const t = turn(frame);
  if (!t) return { x: point.x / scale, y: point.y / scale };
  // Undo the turn: rotate by -rotationDeg about the OCR canvas centre, back onto the scaled page.
  const dx = point.x - t.ocr.x;
  const dy = point.y - t.ocr.y;
  return {
    x: (t.page.x + dx * t.cos + dy * t.sin) / scale,
    y: (t.page.y - dx * t.sin + dy * t.cos) / scale,
  };
}

/** A point of the original page in OCR image pixels. */
export function toOcrPoint(point: Point, frame: OcrFrame): Point {
  const scale = validScale(frame);
  const t = turn(frame);
  if (!t) return { x: point.x * scale, y: point.y * scale };
  const dx = point.x * scale - t.page.x;
  const dy = point.y * scale - t.page.y;
  return {
    x: t.ocr.x + dx * t.cos - dy * t.sin,
    y: t.ocr.y + dx * t.sin + dy * t.cos,
  };
}

function clamp(value: number, max: number): number {
  return Math.min(max, Math.max(0, value));
}

/**
 * An OCR-image box in original page pixels, clamped to the page. On a turned page the box's
 * four corners are mapped back and their bounding box is returned: it holds the box's text on
 * the original (tilted) page exactly, and is larger than the text by the tilt (about
 * width × sin(angle) in height, e.g. 3.5 % of a line's length at 2°).
 */
export function toOriginalPixels(box: OcrBox, frame: OcrFrame): { xMin: number; yMin: number; xMax: number; yMax: number } {
  let x0 = box.x0;
  let y0 = box.y0;
  let x1 = box.x1;
  let y1 = box.y1;
  if (turn(frame)) {
    const corners = [
      toOriginalPoint({ x: box.x0, y: box.y0 }, frame),
      toOriginalPoint({ x: box.x1, y: box.y0 }, frame),
      toOriginalPoint({ x: box.x0, y: box.y1 }, frame),
      toOriginalPoint({ x: box.x1, y: box.y1 }, frame),
    ];
    x0 = Math.min(...corners.map((c) => c.x));
    y0 = Math.min(...corners.map((c) => c.y));
    x1 = Math.max(...corners.map((c) => c.x));
    y1 = Math.max(...corners.map((c) => c.y));
  } else {
    const scale = validScale(frame);
    x0 /= scale;
    y0 /= scale;
    x1 /= scale;
    y1 /= scale;
  }
  return {
    xMin: clamp(Math.floor(x0), frame.originalWidth),
    yMin: clamp(Math.floor(y0), frame.originalHeight),
    xMax: clamp(Math.ceil(x1), frame.originalWidth),
    yMax: clamp(Math.ceil(y1), frame.originalHeight),
  };
}
