import { emptyReport, type CleanReport } from "./clean-report.js";
import { checkDotsElement, dotsOcrOutputError, type DotsElement } from "./dots-element.js";
import { dropRepeatedElements } from "./drop-repeated-elements.js";

export { dropRepeatedElements } from "./drop-repeated-elements.js";
export type { CleanReport } from "./clean-report.js";

/**
 * A TypeScript port of dots.ocr's OutputCleaner (dots_ocr/utils/output_cleaner.py,
 * model-serving.md §A6 step 3) for model responses that are not valid JSON:
 * cut-off generations and repetition loops. There is no library for this: it
 * is a set of heuristics specific to how this model fails.
 */

/** Matches one flat element object; text holding `{` or `}` does not match (as upstream). */
const DICT_PATTERN = /\{[^{}]*?"bbox"\s*:\s*\[[^\]]*?\][^{}]*?\}/g;
/**
 * Upstream uses `\}\s*\{(?!")`, which skips the common `}{"bbox"` case and
 * rewrites LaTeX such as `}{b` inside text. We only insert a comma where the
 * next object starts with a known key, which is what a missing delimiter
 * between elements looks like.
 */
const MISSING_DELIMITER = /\}\s*\{(?=\s*"(?:bbox|category|text)"\s*:)/g;
const ELEMENT_START = '{"bbox":';
const LONG_OUTPUT_CHARS = 50_000;
const SALVAGE_TEXT_CHARS = 10_000;

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count += 1;
  return count;
}

/** Step (b): cut at the last element start when the text is cut off or runaway long. */
function cutIncompleteTail(text: string): { text: string; cut: boolean } {
  if (text.length <= LONG_OUTPUT_CHARS && text.trim().endsWith("]")) return { text, cut: false };
  if (countOccurrences(text, ELEMENT_START) <= 1) return { text, cut: false };
  const last = text.lastIndexOf(ELEMENT_START);
  if (last <= 0) return { text, cut: false };
  let head = text.slice(0, last).trimEnd();
  if (head.endsWith(",")) head = head.slice(0, -1);
  return { text: head, cut: true };
}

/**
 * Step (c): drop byte-identical element objects after the first. Upstream
 * rebuilds the array from the regex matches only, which loses every element
 * whose text holds a brace; we delete the repeats in place instead.
 */
function removeDuplicateDicts(text: string): { text: string; removed: number } {
  const seen = new Set<string>();
  let removed = 0;
  const out = text.replace(new RegExp(`${DICT_PATTERN.source}\\s*,?\\s*`, "g"), (match) => {
    const dict = match.replace(/\s*,?\s*$/, "");
    if (seen.has(dict)) {
      removed += 1;
      return "";
    }
    seen.add(dict);
    return match;
  });
  if (removed === 0) return { text, removed };
  return { text: out.trimEnd().replace(/,$/, "").replace(/,\s*\]$/, "]"), removed };
}

/** Step (d): make sure the text is bracketed as an array. */
function ensureArrayBrackets(text: string): string {
  let out = text.trim();
  if (!out.startsWith("[")) out = `[${out}`;
  if (!out.endsWith("]")) out = `${out.replace(/,\s*$/, "").trimEnd()}]`;
  return out;
}

/** Step (e) fallback: a lone cut-off object, rebuilt from its bbox, category and text start. */
function salvageSingle(text: string): unknown[] | undefined {
  const bbox = /"bbox"\s*:\s*\[([^\]]+)\]/.exec(text);
  if (!bbox?.[1]) return undefined;
  const coords = bbox[1].split(",").map((v) => Number(v.trim()));
  if (coords.length !== 4 || !coords.every(Number.isInteger)) return undefined;
  const category = /"category"\s*:\s*"([^"]+)"/.exec(text)?.[1] ?? "Text";
  const body = new RegExp(`"text"\\s*:\\s*"([^"]{0,${SALVAGE_TEXT_CHARS}})`).exec(text)?.[1] ?? "";
  // The captured text is still JSON-escaped; decode what can be decoded.
  let decoded = body;
  try {
    decoded = JSON.parse(`"${body.replace(/\\$/, "")}"`) as string;
  } catch {
    decoded = body;
  }
  return [{ bbox: coords, category, ...(decoded ? { text: decoded } : {}) }];
}

function tryParseArray(text: string): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value)) return value;
    if (typeof value === "object" && value !== null && "bbox" in value) return [value];
  } catch {
    // fall through: the caller runs the cleaner
  }
  return undefined;
}

/** Steps (a)–(e) on a response that did not parse. Returns undefined when nothing is recoverable. */
export function cleanDotsOcrString(raw: string, report: CleanReport = emptyReport()): unknown[] | undefined {
  let text = raw.replace(MISSING_DELIMITER, () => {
    report.delimitersFixed += 1;
    return "}, {";
  });
  const tail = cutIncompleteTail(text);
  text = tail.text;
  report.tailTruncated = tail.cut;
  const dedup = removeDuplicateDicts(text);
  text = dedup.text;
  report.duplicatesRemoved += dedup.removed;
  const unbracketed = text;
  text = ensureArrayBrackets(text);
  const parsed = tryParseArray(text);
  if (parsed) return parsed;
  const dicts: unknown[] = [];
  for (const match of text.matchAll(DICT_PATTERN)) {
    const item = tryParseArray(match[0]);
    if (item) dicts.push(...item);
  }
  if (dicts.length > 0) {
    report.salvaged = "dicts";
    return dicts;
  }
  // Salvage from the text before step (d), so the added "]" does not end up in the text.
  const single = text.startsWith(`[${ELEMENT_START}`) ? salvageSingle(`[${unbracketed.replace(/^\s*\[/, "")}`) : undefined;
  if (single) report.salvaged = "single";
  return single;
}

/** The usable elements of one response and what had to be repaired. */
export interface ParsedDotsOcrOutput {
  elements: DotsElement[];
  /** True when anything was cut, dropped or rebuilt, or the model hit its token limit. */
  repaired: boolean;
  /** Short descriptions of each repair, for PageResult.error. Never contains document text. */
  problems: string[];
  report: CleanReport;
}

function describe(report: CleanReport, rejected: Map<string, number>, finishReason: string | undefined): string[] {
  const problems: string[] = [];
  if (finishReason === "length") problems.push("output cut off at the token limit");
  if (report.tailTruncated) problems.push("incomplete last element dropped");
  if (report.delimitersFixed > 0) problems.push(`${report.delimitersFixed} missing comma(s) between elements added`);
  if (report.duplicatesRemoved > 0) problems.push(`${report.duplicatesRemoved} duplicate element(s) removed`);
  if (report.repeatsRemoved > 0) problems.push(`${report.repeatsRemoved} repeated element(s) removed`);
  if (report.salvaged === "dicts") problems.push("invalid JSON: parseable elements salvaged");
  if (report.salvaged === "single") problems.push("invalid JSON: one incomplete element salvaged");
  for (const [problem, count] of rejected) problems.push(`${count} element(s) dropped: ${problem}`);
  return problems;
}

/**
 * Parses a layout response (prompt_layout_all_en / prompt_layout_only_en):
 * the JSON fast path, else the cleaner; then repeat removal and per-element
 * validation. Throws a dotsOcrOutputError (Internal) when no element is usable; a valid
 * empty array (a blank page) is not an error.
 */
export function parseDotsOcrOutput(raw: string, finishReason: string | undefined): ParsedDotsOcrOutput {
  const report = emptyReport();
  const direct = tryParseArray(raw);
  const items = direct ?? cleanDotsOcrString(raw, report);
  if (!items) throw dotsOcrOutputError("dots.ocr output is not a JSON array of layout elements");
  if (direct && direct.length === 0) {
    return { elements: [], repaired: finishReason === "length", problems: describe(report, new Map(), finishReason), report };
  }
  const deduped = dropRepeatedElements(items, report);
  const elements: DotsElement[] = [];
  const rejected = new Map<string, number>();
  for (const item of deduped) {
    const check = checkDotsElement(item);
    if (check.ok) elements.push(check.element);
    else rejected.set(check.problem, (rejected.get(check.problem) ?? 0) + 1);
  }
  const problems = describe(report, rejected, finishReason);
  if (elements.length === 0) {
    throw dotsOcrOutputError(`dots.ocr output has no usable layout element (${problems.join("; ") || "empty"})`);
  }
  return { elements, repaired: problems.length > 0, problems, report };
}
