import { create } from "@bufbuild/protobuf";
import type { NormalizedBox } from "@docproc/gen/docproc/v1/layout_pb.js";
import { type FieldMeta, FieldMetaSchema, FieldStatus } from "@docproc/gen/docproc/v1/values_pb.js";
import { maskIdentifiers } from "./pii.js";

/** The layout element a value came from. */
export interface SourceRef {
  /** 0-based page index. */
  pageIndex: number;
  /** The element's (or table cell's estimated) box, as fractions of the page. */
  box?: NormalizedBox;
  /** The engine's confidence in the element's text, 0..1, when it gave one (0 or absent means none). */
  confidence?: number;
}

/**
 * The confidence scale, by how a value was matched (before the OCR factor):
 *
 * - 0.95 BOX_AND_LABEL: the box number and a label synonym in the same element as the value.
 * - 0.90 LABEL: a label synonym (no box number) in the same element as the value.
 * - 0.80 BOX_ONLY: only the box number ("12b") marks the value's element.
 * - 0.75 ADJACENT: the label's element holds no value; it came from the next element or table cell right or below.
 * - 0.60 INFERRED: derived from a pattern with no label (a phone line in an address block, a year near the title).
 * - 0.40 POSITIONAL: a guess from order or position alone (an unplaced checkbox mark).
 *
 * The final confidence is the match value times the element's OCR confidence
 * when the engine reported one (tesseract word confidence, say), so a clean
 * label match on smudged text still scores low.
 */
export const MATCH_CONFIDENCE = {
  BOX_AND_LABEL: 0.95,
  LABEL: 0.9,
  BOX_ONLY: 0.8,
  ADJACENT: 0.75,
  INFERRED: 0.6,
  POSITIONAL: 0.4,
} as const;

/** The final confidence: the match confidence times the element's OCR confidence, when present. */
export function combineConfidence(source: SourceRef, matchConfidence: number): number {
  const ocr = source.confidence !== undefined && source.confidence > 0 ? Math.min(1, source.confidence) : 1;
  return Math.max(0, Math.min(1, matchConfidence * ocr));
}

/** Meta located on the page; raw_text (when given) is masked for identifiers. */
function locatedMeta(status: FieldStatus, source: SourceRef, confidence: number, rawText?: string): FieldMeta {
  return create(FieldMetaSchema, {
    status,
    confidence: combineConfidence(source, confidence),
    ...(rawText === undefined ? {} : { rawText: maskIdentifiers(rawText.trim()) }),
    pageIndex: source.pageIndex,
    box: source.box,
  });
}

/** Meta for a value read from the page; raw_text is masked for identifiers. */
export function presentMeta(source: SourceRef, rawText: string, confidence: number): FieldMeta {
  return locatedMeta(FieldStatus.PRESENT, source, confidence, rawText);
}

/** Meta for a box that exists on the page and is empty. */
export function blankMeta(source: SourceRef, confidence: number = MATCH_CONFIDENCE.LABEL): FieldMeta {
  return locatedMeta(FieldStatus.BLANK, source, confidence);
}

/** Meta for a value that was located but could not be read as its type. */
export function illegibleMeta(source: SourceRef, rawText: string, confidence: number = MATCH_CONFIDENCE.POSITIONAL): FieldMeta {
  return locatedMeta(FieldStatus.ILLEGIBLE, source, confidence, rawText);
}

/** Meta for a field that was expected but not located. */
export function notFoundMeta(): FieldMeta {
  return create(FieldMetaSchema, { status: FieldStatus.NOT_FOUND, confidence: 0 });
}
