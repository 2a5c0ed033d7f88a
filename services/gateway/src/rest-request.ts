import { parseDocumentTypeLabel } from "@docproc/common";
import type { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { RestError } from "./rest-errors.js";

/** One page source of a REST request: a URL or the uploaded file. */
export type RestSource = { kind: "url"; url: string } | { kind: "content"; content: Uint8Array; mediaType: string };

/** A REST classify or extract request, validated. */
export interface RestDocumentInput {
  sources: RestSource[];
  prompt?: string;
  /** Extract only; undefined means "classify first". */
  documentType?: DocumentType;
  promptMode: PromptMode;
  /** Normalized [x1, y1, x2, y2]. */
  bbox?: [number, number, number, number];
}

const PROMPT_MODES: Record<string, PromptMode> = {
  layout_all: PromptMode.LAYOUT_ALL,
  layout_only: PromptMode.LAYOUT_ONLY,
  ocr: PromptMode.OCR,
  // The seed calls it "grounding"; dots.ocr and our proto call it grounding_ocr.
  grounding: PromptMode.GROUNDING_OCR,
  grounding_ocr: PromptMode.GROUNDING_OCR,
};

const fraction = z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1");

// Unknown keys are dropped, as the system we replace (Pydantic) did.
const bodySchema = z.object(
  {
    image_urls: z
      .array(z.string({ error: "must be a string" }).trim().min(1, "must not be empty"), {
        error: (issue) => (issue.input === undefined ? "is required" : "must be an array of URLs"),
      })
      .max(1000, "at most 1000 URLs"),
    prompt: z.string({ error: "must be a string" }).nullish(),
    doc_type: z.string({ error: "must be a string" }).nullish(),
    prompt_mode: z
      .string({ error: "must be a string" })
      .refine((mode) => mode in PROMPT_MODES, { error: `must be one of ${Object.keys(PROMPT_MODES).join(", ")}` })
      .nullish(),
    bbox: z
      .tuple([fraction, fraction, fraction, fraction], { error: "must be [x1, y1, x2, y2] as fractions of the page" })
      .refine(([x1, y1, x2, y2]) => x1 < x2 && y1 < y2, { error: "must have x1 < x2 and y1 < y2" })
      .nullish(),
  },
  { error: "the body must be a JSON object" },
);

type Body = z.input<typeof bodySchema>;

/** Parses a JSON body. */
export function parseJsonBody(body: unknown): RestDocumentInput {
  return toInput(validate(body), []);
}

/**
 * Parses a multipart/form-data body: at most one file part named `file` (the
 * document: PDF or image, sent inline to the backends) and the other fields
 * as form fields. The plugin enforces the size limit (413).
 */
export async function parseMultipartBody(request: FastifyRequest): Promise<RestDocumentInput> {
  let file: RestSource | undefined;
  const fields: Record<string, string[]> = {};
  for await (const part of request.parts()) {
    if (part.type === "file") {
      if (part.fieldname !== "file") throw new RestError(400, `${truncate(part.fieldname)}: files must be sent as the field 'file'`);
      if (file !== undefined) throw new RestError(400, "file: only one file is accepted");
      const content = await part.toBuffer();
      if (content.length === 0) throw new RestError(400, "file: is empty");
      file = { kind: "content", content, mediaType: part.mimetype === "application/octet-stream" ? "" : part.mimetype };
    } else {
      (fields[part.fieldname] ??= []).push(String(part.value));
    }
  }
  const body: Record<string, unknown> = { image_urls: fields["image_urls"] ?? [] };
  for (const name of ["prompt", "doc_type", "prompt_mode"] as const) {
    if (fields[name]?.[0] !== undefined) body[name] = fields[name][0];
  }
  if (fields["bbox"]?.[0] !== undefined) body["bbox"] = parseBboxField(fields["bbox"][0]);
  return toInput(validate(body), file ? [file] : []);
}

function validate(body: unknown): Body {
  const parsed = bodySchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
  throw new RestError(400, detail);
}

function toInput(body: Body, files: RestSource[]): RestDocumentInput {
  const sources: RestSource[] = [...files, ...body.image_urls.map((url): RestSource => ({ kind: "url", url }))];
  if (sources.length === 0) {
    throw new RestError(400, "image_urls: at least one URL is required");
  }
  const input: RestDocumentInput = {
    sources,
    promptMode: body.prompt_mode ? (PROMPT_MODES[body.prompt_mode] ?? PromptMode.LAYOUT_ALL) : PromptMode.LAYOUT_ALL,
  };
  if (body.prompt) input.prompt = body.prompt;
  if (body.doc_type) {
    const documentType = parseDocumentTypeLabel(body.doc_type);
    if (documentType === undefined) throw new RestError(400, `doc_type: unknown document type '${truncate(body.doc_type)}'`);
    input.documentType = documentType;
  }
  if (body.bbox) input.bbox = body.bbox;
  if (input.promptMode === PromptMode.GROUNDING_OCR && input.bbox === undefined) {
    throw new RestError(400, "bbox: required with prompt_mode grounding_ocr");
  }
  return input;
}

/** A form field bbox: "[x1,y1,x2,y2]" or "x1,y1,x2,y2". */
function parseBboxField(text: string): unknown {
  const numbers = text.replace(/^\s*\[|\]\s*$/g, "").split(",").map((part) => Number(part.trim()));
  return numbers.every((n) => Number.isFinite(n)) ? numbers : text;
}

/** Client text echoed in a message is kept short. */
function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
