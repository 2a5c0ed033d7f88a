import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { create } from "@bufbuild/protobuf";
import { type PageResult, PageResultSchema, PageStatus } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { ModelFrame } from "../src/layout/box-mapping.js";
import { toLayoutElements } from "../src/layout/to-layout-elements.js";
import { parseDotsOcrOutput } from "../src/vlm/output-cleaner.js";

/** Letter pages rendered at 200 DPI, as dots.ocr saw them (smart-resized). */
export const LETTER_FRAME: ModelFrame = { width: 1708, height: 2212, originalWidth: 1700, originalHeight: 2200 };

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "test-fixtures", "tax");

/**
 * A page from a raw dots.ocr response, converted exactly as the VLM engine
 * does (repair, box mapping, table parse). The finish reason defaults to what
 * the text shows: "length" when the JSON list was cut off.
 */
export function pageFromDotsOcr(raw: string, pageIndex = 0, frame: ModelFrame = LETTER_FRAME, finishReason = finishReasonOf(raw)): PageResult {
  const parsed = parseDotsOcrOutput(raw, finishReason);
  return create(PageResultSchema, {
    pageIndex,
    status: parsed.repaired ? PageStatus.REPAIRED : PageStatus.OK,
    width: frame.originalWidth,
    height: frame.originalHeight,
    elements: toLayoutElements(parsed.elements, frame, { withText: true }),
  });
}

function finishReasonOf(raw: string): string {
  return raw.trimEnd().endsWith("]") ? "stop" : "length";
}

/** A corpus document copied under test-fixtures/tax: its pages and its truth fields. */
export function loadTaxFixture(id: string): { pages: PageResult[]; truth: Record<string, TruthField> } {
  const raw = readFileSync(join(FIXTURES, id, "page-1.dotsocr.json"), "utf8");
  const truth = JSON.parse(readFileSync(join(FIXTURES, id, "truth.json"), "utf8")) as { fields: Record<string, TruthField> };
  return { pages: [pageFromDotsOcr(raw)], truth: truth.fields };
}

/** One field of a corpus truth.json. */
export interface TruthField {
  value: unknown;
  raw?: unknown;
  last4?: string;
  masked?: string;
  truncated_on_document?: boolean;
  [key: string]: unknown;
}
