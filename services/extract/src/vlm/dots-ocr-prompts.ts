import { Code, ConnectError } from "@connectrpc/connect";
import { PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";

/**
 * The dots.ocr (1.7B) prompts, byte-exact copies of `dict_promptmode_to_prompt`
 * in rednote-hilab/dots.ocr `dots_ocr/utils/prompts.py` (commit c3084bd). The
 * model was trained on these exact strings, so they must not be reworded; a
 * test pins their sha256. Written as JSON-escaped literals so whitespace and the
 * trailing newlines are explicit.
 */
export const DOTS_OCR_PROMPTS = {
  [PromptMode.LAYOUT_ALL]:
    "Please output the layout information from the PDF image, including each layout element's bbox, its category, and the corresponding text content within the bbox.\n\n1. Bbox format: [x1, y1, x2, y2]\n\n2. Layout Categories: The possible categories are ['Caption', 'Footnote', 'Formula', 'List-item', 'Page-footer', 'Page-header', 'Picture', 'Section-header', 'Table', 'Text', 'Title'].\n\n3. Text Extraction & Formatting Rules:\n    - Picture: For the 'Picture' category, the text field should be omitted.\n    - Formula: Format its text as LaTeX.\n    - Table: Format its text as HTML.\n    - All Others (Text, Title, etc.): Format their text as Markdown.\n\n4. Constraints:\n    - The output text must be the original text from the image, with no translation.\n    - All layout elements must be sorted according to human reading order.\n\n5. Final Output: The entire output must be a single JSON object.\n",
  [PromptMode.LAYOUT_ONLY]:
    "Please output the layout information from this PDF image, including each layout's bbox and its category. The bbox should be in the format [x1, y1, x2, y2]. The layout categories for the PDF document include ['Caption', 'Footnote', 'Formula', 'List-item', 'Page-footer', 'Page-header', 'Picture', 'Section-header', 'Table', 'Text', 'Title']. Do not output the corresponding text. The layout result should be in JSON format.",
  [PromptMode.OCR]: "Extract the text content from this image.",
  [PromptMode.GROUNDING_OCR]:
    "Extract text from the given bounding box on the image (format: [x1, y1, x2, y2]).\nBounding Box:\n",
} as const satisfies Record<Exclude<PromptMode, PromptMode.UNSPECIFIED>, string>;

/** The prompt modes that actually get sent (UNSPECIFIED is resolved to LAYOUT_ALL). */
export type EffectivePromptMode = keyof typeof DOTS_OCR_PROMPTS;

/** UNSPECIFIED means LAYOUT_ALL (extract_service.proto). */
export function effectivePromptMode(mode: PromptMode): EffectivePromptMode {
  return mode === PromptMode.UNSPECIFIED ? PromptMode.LAYOUT_ALL : mode;
}

/** A box [x1, y1, x2, y2] in model-input pixels (the smart-resized frame the model sees). */
export type ModelInputBox = readonly [number, number, number, number];

/**
 * The prompt text for one page. For grounding OCR the box is appended the way
 * the official parser does it: `str(bbox)` of an int list, i.e. Python list
 * repr with ", " separators (`[163, 241, 1536, 705]`).
 */
export function dotsOcrPrompt(mode: PromptMode, groundingBox?: ModelInputBox): string {
  const effective = effectivePromptMode(mode);
  const base = DOTS_OCR_PROMPTS[effective];
  if (effective !== PromptMode.GROUNDING_OCR) return base;
  if (!groundingBox) {
    throw new ConnectError("grounding_box is required with PROMPT_MODE_GROUNDING_OCR", Code.InvalidArgument);
  }
  const coords = groundingBox.map((v) => Math.trunc(v));
  return `${base}[${coords.join(", ")}]`;
}
