import type { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";

/**
 * One piece of evidence for a class. Weights are additive log-odds (see text-evidence-classifier.ts):
 * 4 for a form title or a phrase only that document prints, 1.5-2 for a box label or a
 * characteristic line, 0.5-1 for vocabulary other documents share.
 */
export interface EvidenceRule {
  type: DocumentType;
  /** What the reasoning shows: our own wording of the cue, never text read from the page. */
  name: string;
  weight: number;
  /** Phrases in natural spelling (flattened at load); any of them counts. */
  phrases?: readonly string[];
  /** Or a pattern over the flat text (lowercase, punctuation → space, see flattenText). */
  pattern?: RegExp;
  /** Over the raw text instead of the flat one (for symbols that flattening removes). */
  raw?: boolean;
  /** Also accept OCR-garbled spellings within a small edit distance. */
  fuzzy?: boolean;
}
