import { Code, ConnectError } from "@connectrpc/connect";

/** One layout element as dots.ocr emits it; bbox is in model-input pixels. */
export interface DotsElement {
  bbox: [number, number, number, number];
  category: string;
  /** Absent for Picture and in layout-only mode. */
  text?: string;
}

const outputErrors = new WeakSet<ConnectError>();

/**
 * The error for a model response that holds nothing usable (not a JSON array,
 * or no valid element). The engine retries the page once on this error only.
 * A factory plus a WeakSet rather than a subclass: ConnectError's
 * Symbol.hasInstance only recognises plain ConnectErrors, so a subclass would
 * fail `instanceof` checks downstream.
 */
export function dotsOcrOutputError(message: string): ConnectError {
  const error = new ConnectError(message, Code.Internal);
  outputErrors.add(error);
  return error;
}

/** True for errors made by dotsOcrOutputError. */
export function isDotsOcrOutputError(error: unknown): boolean {
  return error instanceof ConnectError && outputErrors.has(error);
}

/** An element that passed validation, or the reason it was rejected. */
export type ElementCheck = { ok: true; element: DotsElement } | { ok: false; problem: string };

/**
 * Checks one parsed array item: bbox of 4 non-negative integers with x2 > x1
 * and y2 > y1 (the reference parser has is_legal_bbox but never calls it, so
 * degenerate boxes would reach callers), a non-empty string category, and an
 * optional string text.
 */
export function checkDotsElement(value: unknown): ElementCheck {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, problem: "element is not an object" };
  }
  const item = value as Record<string, unknown>;
  const bbox = item["bbox"];
  if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every((v) => Number.isInteger(v) && (v as number) >= 0)) {
    return { ok: false, problem: "bbox is not 4 non-negative integers" };
  }
  const [x1, y1, x2, y2] = bbox as [number, number, number, number];
  if (!(x2 > x1 && y2 > y1)) return { ok: false, problem: "bbox is degenerate" };
  const category = item["category"];
  if (typeof category !== "string" || category.trim() === "") {
    return { ok: false, problem: "category is missing" };
  }
  const text = item["text"];
  if (text !== undefined && text !== null && typeof text !== "string") {
    return { ok: false, problem: "text is not a string" };
  }
  const element: DotsElement = { bbox: [x1, y1, x2, y2], category };
  if (typeof text === "string") element.text = text;
  return { ok: true, element };
}
