import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { describe, expect, it } from "vitest";
import { RestError } from "./rest-errors.js";
import { parseJsonBody } from "./rest-request.js";

const url = "https://example.com/a.png";

function detailOf(body: unknown): string {
  try {
    parseJsonBody(body);
  } catch (error) {
    expect(error).toBeInstanceOf(RestError);
    return (error as RestError).detail;
  }
  throw new Error("accepted");
}

describe("parseJsonBody", () => {
  it("reads the seed's fields, labels case-insensitively, and maps prompt modes", () => {
    const input = parseJsonBody({ image_urls: [url], doc_type: "1099-int", prompt: null, prompt_mode: "grounding", bbox: [0, 0, 1, 0.5], extra: 1 });
    expect(input).toEqual({
      sources: [{ kind: "url", url }],
      documentType: DocumentType.FORM_1099_INT,
      promptMode: PromptMode.GROUNDING_OCR,
      bbox: [0, 0, 1, 0.5],
    });
    expect(parseJsonBody({ image_urls: [url] }).promptMode).toBe(PromptMode.LAYOUT_ALL);
  });

  it("names the field in every message", () => {
    expect(detailOf({ image_urls: [url, ""] })).toBe("image_urls.1: must not be empty");
    expect(detailOf({ image_urls: [url], bbox: [0, 0, 2, 1] })).toBe("bbox.2: must be between 0 and 1");
    expect(detailOf({ image_urls: [url], bbox: [0.5, 0, 0.4, 1] })).toBe("bbox: must have x1 < x2 and y1 < y2");
    expect(detailOf({ image_urls: [url], prompt: 3 })).toBe("prompt: must be a string");
    expect(detailOf({ image_urls: [url], doc_type: "x".repeat(60) })).toBe(`doc_type: unknown document type '${"x".repeat(40)}…'`);
  });
});
