import { create } from "@bufbuild/protobuf";
import {
  type NormalizedBox,
  NormalizedBoxSchema,
  type PixelBox,
  PixelBoxSchema,
} from "@docproc/gen/docproc/v1/layout_pb.js";

/**
 * The two frames of a page: the image the model saw (width x height, the
 * smart-resized frame) and the original decoded page.
 */
export interface ModelFrame {
  width: number;
  height: number;
  originalWidth: number;
  originalHeight: number;
}

/** A box [x1, y1, x2, y2]. */
export type BoxTuple = readonly [number, number, number, number];

const clamp = (v: number, max: number): number => Math.min(Math.max(v, 0), max);

/**
 * Maps a model-frame box to original page pixels exactly like dots.ocr's
 * post_process_cells: `int(x / (input_w / orig_w))` (the scale is computed
 * first, then truncated, not rounded). Clamped to the page.
 */
export function toOriginalPixelBox(bbox: BoxTuple, frame: ModelFrame): PixelBox {
  const scaleX = frame.width / frame.originalWidth;
  const scaleY = frame.height / frame.originalHeight;
  return create(PixelBoxSchema, {
    xMin: clamp(Math.trunc(bbox[0] / scaleX), frame.originalWidth),
    yMin: clamp(Math.trunc(bbox[1] / scaleY), frame.originalHeight),
    xMax: clamp(Math.trunc(bbox[2] / scaleX), frame.originalWidth),
    yMax: clamp(Math.trunc(bbox[3] / scaleY), frame.originalHeight),
  });
}

/** An original-pixel box as fractions (0..1) of the original page. */
export function toNormalizedBox(box: PixelBox, originalWidth: number, originalHeight: number): NormalizedBox {
  return create(NormalizedBoxSchema, {
    xMin: box.xMin / originalWidth,
    yMin: box.yMin / originalHeight,
    xMax: box.xMax / originalWidth,
    yMax: box.yMax / originalHeight,
  });
}

/**
 * A page-fraction box in model-input pixels, like dots.ocr's
 * pre_process_bboxes: original pixels divided by (original / resized), int().
 */
export function toModelInputBox(box: NormalizedBox, frame: ModelFrame): BoxTuple {
  const f = (v: number): number => Math.min(Math.max(v, 0), 1);
  const ox = (v: number): number => Math.round(f(v) * frame.originalWidth);
  const oy = (v: number): number => Math.round(f(v) * frame.originalHeight);
  const sx = frame.originalWidth / frame.width;
  const sy = frame.originalHeight / frame.height;
  return [
    Math.trunc(ox(box.xMin) / sx),
    Math.trunc(oy(box.yMin) / sy),
    Math.trunc(ox(box.xMax) / sx),
    Math.trunc(oy(box.yMax) / sy),
  ];
}
