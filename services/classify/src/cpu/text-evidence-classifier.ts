import { DOCUMENT_TYPES, documentTypeLabel } from "@docproc/common";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { COMMERCIAL_EVIDENCE_RULES } from "./commercial-evidence-rules.js";
import type { EvidenceRule } from "./evidence-rule.js";
import { containsFuzzy, countExact, flattenText } from "./phrase-matching.js";
import { TAX_FORM_EVIDENCE_RULES } from "./tax-form-evidence-rules.js";

/**
 * How the scores are made (no number here is a made-up confidence; each comes from the cues found):
 * - Every rule found adds its weight to its class. A cue printed several times (a form's title in
 *   its header and footer) adds 25% more per repeat, up to 3 occurrences, so a form's own title
 *   outweighs a passing cross-reference to another form. A cue matched only fuzzily counts 80%.
 * - A class's logit is its total, capped at MAX_LOGIT so that a long page piling up vocabulary
 *   cannot become infinitely sure; "other" starts from OTHER_PRIOR_LOGIT.
 * - The distribution is the softmax of the logits. A page with no cue at all gets
 *   e^2 / (e^2 + 12) ≈ 0.38 for "other" and ≈ 0.05 for each other class: a moderate "other", not
 *   a confident one. A form with its title and two box labels (≈ 8) gets ≈ 0.99.
 */
const OTHER_PRIOR_LOGIT = 2;
const MAX_LOGIT = 10;
const REPEAT_BONUS = 0.25;
const MAX_COUNTED_REPEATS = 3;
const FUZZY_FACTOR = 0.8;
/** How many cues the reasoning names for the winning class. */
const REASONING_CUES = 4;

interface CompiledRule {
  rule: EvidenceRule;
  phrases: string[];
  pattern?: RegExp;
}

const RULES: readonly CompiledRule[] = [...TAX_FORM_EVIDENCE_RULES, ...COMMERCIAL_EVIDENCE_RULES].map((rule) => ({
  rule,
  phrases: (rule.phrases ?? []).map((phrase) => flattenText(phrase).trim()),
  ...(rule.pattern ? { pattern: new RegExp(rule.pattern.source, rule.pattern.flags.includes("g") ? rule.pattern.flags : `${rule.pattern.flags}g`) } : {}),
}));

export interface TextClassification {
  documentType: DocumentType;
  /** Softmax over the 13 types, summing to 1. */
  scores: Map<DocumentType, number>;
  /** The strongest cues found, by name (never text from the page). */
  reasoning: string;
}

interface Finding {
  type: DocumentType;
  name: string;
  points: number;
}

function findEvidence(text: string): Finding[] {
  const flat = flattenText(text);
  const raw = text.toLowerCase();
  const words = flat.trim() === "" ? [] : flat.trim().split(" ");
  const findings: Finding[] = [];
  for (const { rule, phrases, pattern } of RULES) {
    let count = 0;
    if (pattern) count = (rule.raw ? raw : flat).match(pattern)?.length ?? 0;
    for (const phrase of phrases) count += countExact(flat, phrase);
    let factor = 0;
    if (count > 0) factor = 1 + REPEAT_BONUS * (Math.min(count, MAX_COUNTED_REPEATS) - 1);
    else if (rule.fuzzy && phrases.some((phrase) => containsFuzzy(words, phrase))) factor = FUZZY_FACTOR;
    if (factor > 0) findings.push({ type: rule.type, name: rule.name, points: rule.weight * factor });
  }
  return findings;
}

function softmax(logits: ReadonlyMap<DocumentType, number>): Map<DocumentType, number> {
  const max = Math.max(...logits.values());
  const exps = new Map([...logits].map(([type, logit]) => [type, Math.exp(logit - max)] as const));
  const total = [...exps.values()].reduce((sum, value) => sum + value, 0);
  return new Map([...exps].map(([type, value]) => [type, value / total]));
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** Classifies a page from its OCR text by the form titles, box labels and vocabulary it contains. */
export function classifyText(text: string): TextClassification {
  const findings = findEvidence(text);
  const totals = new Map<DocumentType, number>(DOCUMENT_TYPES.map((type) => [type, 0]));
  for (const finding of findings) totals.set(finding.type, (totals.get(finding.type) ?? 0) + finding.points);
  const logits = new Map(
    [...totals].map(([type, total]) => [type, Math.min(total, MAX_LOGIT) + (type === DocumentType.OTHER ? OTHER_PRIOR_LOGIT : 0)] as const),
  );
  const scores = softmax(logits);
  let documentType: DocumentType = DocumentType.OTHER;
  for (const [type, score] of scores) if (score > (scores.get(documentType) ?? 0)) documentType = type;

  const label = documentTypeLabel(documentType);
  const cues = findings
    .filter((finding) => finding.type === documentType)
    .sort((a, b) => b.points - a.points)
    .slice(0, REASONING_CUES)
    .map((finding) => `"${finding.name}"`);
  const runnerUp = [...scores].filter(([type]) => type !== documentType).sort((a, b) => b[1] - a[1])[0];
  let reasoning =
    cues.length > 0
      ? `Text evidence for ${label} (${percent(scores.get(documentType) ?? 0)}): ${cues.join(", ")}.`
      : `No ${findings.length > 0 ? "decisive " : ""}evidence of a known form or document in the text; ${label} (${percent(scores.get(documentType) ?? 0)}).`;
  if (runnerUp && runnerUp[1] >= 0.1) reasoning += ` Next: ${documentTypeLabel(runnerUp[0])} (${percent(runnerUp[1])}).`;
  return { documentType, scores, reasoning };
}
