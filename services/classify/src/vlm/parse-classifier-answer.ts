import { parseDocumentTypeLabel } from "@docproc/common";
import type { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { documentTypeForClassLabel } from "./class-labels.js";

/** JSON keys a model may use for the class when it answers in JSON despite the instruction. */
const TYPE_KEYS = ["type", "label", "document_type", "documentType", "class", "category"] as const;

/** Spellings of the REST types that parseDocumentTypeLabel does not cover. */
const EXTRA_SPELLINGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^bank\s+(account\s+)?statement$/, "bank_statement"],
  [/^credit[\s-]*card(\s+statement)?$/, "credit_card_statement"],
  [/^mortgage\s+interest\s+statement$/, "1098"],
];

/**
 * One label as text: the model labels ("wage"), the REST labels and enum names ("W2", "1099-INT",
 * "DOCUMENT_TYPE_W2"), and common spellings ("W-2", "Form 1099-INT", "bank statement").
 */
function parseLabel(raw: string): DocumentType | undefined {
  const text = raw
    .trim()
    .replace(/^["'`*\s]+|["'`*.\s]+$/g, "")
    .replace(/^form\s+/i, "");
  if (text === "") return undefined;
  const modelLabel = documentTypeForClassLabel(text);
  if (modelLabel !== undefined) return modelLabel;
  const restLabel = parseDocumentTypeLabel(text);
  if (restLabel !== undefined) return restLabel;
  const lower = text.toLowerCase();
  for (const [pattern, label] of EXTRA_SPELLINGS) {
    if (pattern.test(lower)) return parseDocumentTypeLabel(label);
  }
  return undefined;
}

/** JSON object candidates: fenced blocks first (```json or bare ```), then first "{" to last "}". */
function jsonCandidates(text: string): string[] {
  const candidates: string[] = [];
  for (const match of text.matchAll(/```(?:json)?\s*([\s\S]*?)\s*```/gi)) {
    if (match[1] !== undefined) candidates.push(match[1]);
  }
  const first = text.indexOf("{");
  const last = text.lastIndexOf("}");
  if (first !== -1 && last > first) candidates.push(text.slice(first, last + 1));
  return candidates;
}

function typeFromJson(candidate: string): DocumentType | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(candidate);
  } catch {
    return undefined;
  }
  if (typeof parsed === "string") return parseLabel(parsed);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
  const record = parsed as Record<string, unknown>;
  for (const key of TYPE_KEYS) {
    const value = record[key];
    if (typeof value === "string") return parseLabel(value);
  }
  return undefined;
}

/**
 * Reads the class out of a model answer. A constrained server returns the bare label; an
 * unconstrained one (an old vLLM, a custom prompt the model over-follows) may wrap it in JSON,
 * possibly inside a code fence with chatter around it, or use the seed's REST labels. Free text is
 * never searched for label words ("please check the W-2" would be a guess): anything else is
 * undefined and the caller reports an unrecognised label.
 */
export function parseClassifierAnswer(answer: string): DocumentType | undefined {
  const direct = parseLabel(answer);
  if (direct !== undefined) return direct;
  for (const candidate of jsonCandidates(answer)) {
    const fromJson = typeFromJson(candidate) ?? parseLabel(candidate);
    if (fromJson !== undefined) return fromJson;
  }
  return undefined;
}
