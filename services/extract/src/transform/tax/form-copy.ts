import { create } from "@bufbuild/protobuf";
import { type TextField, TextFieldSchema } from "@docproc/gen/docproc/v1/values_pb.js";
import { MATCH_CONFIDENCE, notFoundMeta, presentMeta } from "../../fields/field-meta.js";
import { type LayoutCell, sourceOf } from "../layout/layout-cells.js";

const COPY = /\bCopy\s+([A-D12])\b(?!\s*[-.]\d)/i;

/**
 * The copy designation ("Copy B—To Be Filed With…", "Copy 2"): the first line
 * that starts with "Copy X" in reading order (a sheet printing several copies
 * gives its first), else the first mention anywhere. raw_text is the line.
 */
export function findCopy(cells: readonly LayoutCell[]): TextField {
  let fallback: { cell: LayoutCell; letter: string; line: string } | undefined;
  for (const cell of cells) {
    for (const line of cell.lines) {
      const m = COPY.exec(line.text);
      if (!m) continue;
      const found = { cell, letter: m[1]!.toUpperCase(), line: line.text };
      if (m.index === 0) {
        return create(TextFieldSchema, { value: found.letter, meta: presentMeta(sourceOf(cell), found.line, MATCH_CONFIDENCE.LABEL) });
      }
      fallback ??= found;
    }
  }
  if (!fallback) return create(TextFieldSchema, { value: "", meta: notFoundMeta() });
  return create(TextFieldSchema, { value: fallback.letter, meta: presentMeta(sourceOf(fallback.cell), fallback.line, MATCH_CONFIDENCE.INFERRED) });
}
