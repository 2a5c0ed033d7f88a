import type { FieldMeta } from "@docproc/gen/docproc/v1/values_pb.js";
import { MATCH_CONFIDENCE, blankMeta, illegibleMeta, notFoundMeta, presentMeta } from "../../fields/field-meta.js";
import type { LayoutReader } from "../layout-reader.js";
import { sourceOf } from "./layout-cells.js";
import type { LabelHit } from "./label-search.js";
import type { ValueLine } from "./value-region.js";

/** What a parser made of a hit's value lines. */
export type ParseResult<T> = { value: T; raw: string; line: ValueLine } | "blank" | "illegible";

/** The outcome of reading one field. */
export type ReadOutcome<T> =
  | { kind: "present"; value: T; raw: string; line: ValueLine; hit: LabelHit; confidence: number }
  | { kind: "blank"; hit: LabelHit }
  | { kind: "illegible"; hit: LabelHit; raw: string; line?: ValueLine }
  | { kind: "missing" };

/** Hits scoring below this share of the best are not tried (a label's mention in prose, say). */
const RUNNER_UP_RATIO = 0.85;

/**
 * Reads a field: tries the spec's hits best first (close runners-up too, so a
 * second copy of the form can fill in) and returns the first value the parser
 * accepts; otherwise the best hit's state (blank box or unreadable text), or
 * missing when no label was found.
 */
export function readOutcome<T>(
  reader: LayoutReader,
  key: string,
  parse: (lines: ValueLine[]) => ParseResult<T>,
  maxLines = 1,
): ReadOutcome<T> {
  const hits = reader.hits(key);
  const best = hits[0];
  if (!best) return { kind: "missing" };
  let fallback: ReadOutcome<T> | undefined;
  for (const hit of hits) {
    if (hit.score < best.score * RUNNER_UP_RATIO) break;
    const candidates = reader.valueCandidates(hit, maxLines);
    if (candidates.length === 0) fallback ??= { kind: "blank", hit };
    for (const lines of candidates) {
      const result = parse(lines);
      if (typeof result === "object") {
        const confidence = result.line.adjacent ? Math.min(hit.matchConfidence, MATCH_CONFIDENCE.ADJACENT) : hit.matchConfidence;
        return { kind: "present", ...result, hit, confidence };
      }
      // Text beside a label that does not parse is not this field's value; only the label's own text counts as unreadable.
      const own = !lines[0]?.adjacent;
      fallback ??=
        result === "blank" || !own
          ? { kind: "blank", hit }
          : { kind: "illegible", hit, raw: lines.map((l) => l.text).join("\n"), ...(lines[0] ? { line: lines[0] } : {}) };
    }
  }
  return fallback ?? { kind: "blank", hit: best };
}

/** The FieldMeta of an outcome. */
export function metaOf(outcome: ReadOutcome<unknown>): FieldMeta {
  switch (outcome.kind) {
    case "present":
      return presentMeta(sourceOf(outcome.line.cell), outcome.raw, outcome.confidence);
    case "blank":
      return blankMeta(sourceOf(outcome.hit.cell), outcome.hit.matchConfidence);
    case "illegible":
      return illegibleMeta(sourceOf(outcome.line?.cell ?? outcome.hit.cell), outcome.raw, outcome.hit.matchConfidence * 0.5);
    case "missing":
      return notFoundMeta();
  }
}
