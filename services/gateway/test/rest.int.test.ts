import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import * as grpc from "@grpc/grpc-js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cannedClassification, cannedExtraction } from "./support/fake-backends.js";
import { startGateway, TEST_KEYS, type GatewayHarness } from "./support/gateway-harness.js";

/** A 2×2 white PNG. */
const SMALL_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAADklEQVR4nGP4DwYMEAoAU7oL9ZisIGcAAAAASUVORK5CYII=", "base64");
const URL_A = "https://example.com/presigned/w2.png?X-Amz-Signature=abc";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.close();
});
afterEach(() => {
  gw.classify.behave({ kind: "reply", response: cannedClassification });
  gw.extract.behave({ kind: "reply", response: cannedExtraction });
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(`${gw.baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": TEST_KEYS.alice, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

describe("POST /v1/classify", () => {
  it("answers the seed's shape, with scores per label", async () => {
    const { status, json } = await post("/v1/classify", { image_urls: [URL_A], prompt: "custom" });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      type: "W2",
      confidence: 0.93,
      reasoning: "W-2 box labels",
      scores: { W2: 0.93, "1099-INT": 0.05, other: 0.02 },
      pages: [{ page: 1, type: "W2", confidence: 0.93 }],
      model: "fake-classifier",
    });
    expect(typeof json.latency_ms).toBe("number");
    const sent = gw.classify.calls.at(-1)?.request;
    expect(sent?.prompt).toBe("custom");
    expect(sent?.document?.sources.map((s) => s.source)).toEqual([{ case: "url", value: URL_A }]);
  });

  it("accepts a multipart upload as an inline source", async () => {
    const form = new FormData();
    form.append("file", new Blob([SMALL_PNG], { type: "image/png" }), "w2.png");
    const res = await fetch(`${gw.baseUrl}/v1/classify`, { method: "POST", headers: { "x-api-key": TEST_KEYS.alice }, body: form });
    expect(res.status).toBe(200);
    const source = gw.classify.calls.at(-1)?.request.document?.sources[0];
    expect(source?.source.case).toBe("content");
    expect(Buffer.from(source?.source.value as Uint8Array)).toEqual(SMALL_PNG);
    expect(source?.mediaType).toBe("image/png");
  });
});

describe("POST /v1/extract", () => {
  it("extracts a given doc_type (case-insensitive) without classifying", async () => {
    const before = gw.classify.calls.length;
    const { status, json } = await post("/v1/extract", { image_urls: [URL_A, URL_A], doc_type: "w2", prompt_mode: "ocr" });
    expect(status).toBe(200);
    expect(gw.classify.calls.length).toBe(before);
    expect(gw.extract.calls.at(-1)?.request.documentType).toBe(DocumentType.W2);
    expect(gw.extract.calls.at(-1)?.request.promptMode).toBe(PromptMode.OCR);
    expect(json).toMatchObject({
      data: { employer_name: { value: "Acme Corp" }, box1_wages_tips_other_comp: { value: { currency_code: "USD", units: "50000" } } },
      confidence: 0.88,
      doc_type: "W2",
      page_count: 2,
      raw_ocr: {
        pages: [
          { page: 1, status: "ok", markdown: "# W-2" },
          { page: 2, status: "failed", markdown: "", error: "page could not be decoded" },
        ],
        markdown: "# W-2",
      },
      validation_issues: [{ code: "w2.box4_ss_tax_rate", severity: "SEVERITY_WARNING" }],
      needs_review: true,
      failed_pages: [2],
      model: "fake-extractor",
    });
    expect(json.classification).toBeUndefined();
  });

  it("classifies first when doc_type is absent", async () => {
    const { status, json } = await post("/v1/extract", { image_urls: [URL_A] });
    expect(status).toBe(200);
    expect(json.doc_type).toBe("W2");
    expect(json.classification).toEqual({ type: "W2", confidence: 0.93 });
    expect(gw.extract.calls.at(-1)?.request.promptMode).toBe(PromptMode.LAYOUT_ALL);
  });

  it("passes a grounding box and requires one for grounding", async () => {
    expect(await post("/v1/extract", { image_urls: [URL_A], doc_type: "W2", prompt_mode: "grounding" })).toMatchObject({
      status: 400,
      json: { detail: "bbox: required with prompt_mode grounding_ocr" },
    });
    const { status } = await post("/v1/extract", { image_urls: [URL_A], doc_type: "W2", prompt_mode: "grounding", bbox: [0.1, 0.2, 0.5, 0.6] });
    expect(status).toBe(200);
    const request = gw.extract.calls.at(-1)?.request;
    expect(request?.promptMode).toBe(PromptMode.GROUNDING_OCR);
    expect(request?.groundingBox?.xMax).toBeCloseTo(0.5);
  });

  it("takes `curl -F file=@w2.png -F doc_type=W2`", async () => {
    const form = new FormData();
    form.append("file", new Blob([SMALL_PNG], { type: "image/png" }), "w2.png");
    form.append("doc_type", "W2");
    form.append("prompt_mode", "layout_all");
    const res = await fetch(`${gw.baseUrl}/v1/extract`, { method: "POST", headers: { "x-api-key": TEST_KEYS.alice }, body: form });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { doc_type: string }).doc_type).toBe("W2");
    expect(gw.extract.calls.at(-1)?.request.document?.sources[0]?.source.case).toBe("content");
  });
});

describe("REST errors", () => {
  it.each([
    [{ image_urls: [] }, "image_urls: at least one URL is required"],
    [{}, "image_urls: is required"],
    [{ image_urls: "https://example.com/a.png" }, "image_urls: must be an array of URLs"],
    [{ image_urls: [URL_A], doc_type: "foo" }, "doc_type: unknown document type 'foo'"],
    [{ image_urls: [URL_A], prompt_mode: "fancy" }, "prompt_mode: must be one of layout_all, layout_only, ocr, grounding, grounding_ocr"],
    [[1, 2], "the body must be a JSON object"],
    ["{not json", "malformed JSON body"],
  ])("400 for %j", async (body, detail) => {
    const { status, json } = await post("/v1/extract", body);
    expect(status).toBe(400);
    expect(json).toEqual({ detail });
  });

  it("413 for a body or an upload over MAX_REQUEST_BYTES", async () => {
    const big = { image_urls: [`https://example.com/${"a".repeat(300 * 1024)}`] };
    expect((await post("/v1/classify", big)).status).toBe(413);
    const form = new FormData();
    form.append("file", new Blob([Buffer.alloc(300 * 1024)], { type: "application/pdf" }), "big.pdf");
    const res = await fetch(`${gw.baseUrl}/v1/extract`, { method: "POST", headers: { "x-api-key": TEST_KEYS.alice }, body: form });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ detail: "request body too large" });
  });

  it("415 for other content types", async () => {
    const { status, json } = await post("/v1/classify", "image_urls=x", { "content-type": "text/plain" });
    expect(status).toBe(415);
    expect(json.detail).toMatch(/^unsupported content type/);
  });

  it.each([
    [grpc.status.RESOURCE_EXHAUSTED, 429, "too many requests"],
    [grpc.status.UNAVAILABLE, 503, "model server unavailable"],
    [grpc.status.DEADLINE_EXCEEDED, 504, "model did not answer in time"],
    [grpc.status.INVALID_ARGUMENT, 400, "document.sources[0].url: must be https"],
    [grpc.status.FAILED_PRECONDITION, 400, "source 1: fetch refused (HTTP 403)"],
    [grpc.status.INTERNAL, 502, "upstream error: internal error"],
  ])("maps backend code %i to HTTP %i", async (code, httpStatus, message) => {
    const details = message.replace(/^upstream error: /, "");
    gw.classify.behave({ kind: "error", code, details, trailers: { "retry-after": "7" } });
    const { status, json, headers } = await post("/v1/classify", { image_urls: [URL_A] });
    expect(status).toBe(httpStatus);
    expect(json).toEqual({ detail: message });
    expect(headers.get("retry-after")).toBe(httpStatus === 429 ? "7" : null);
  });

  it("404 with a detail for unknown routes", async () => {
    const res = await fetch(`${gw.baseUrl}/v1/nope`, { headers: { "x-api-key": TEST_KEYS.alice } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ detail: "Not found" });
  });

  it("never logs the query string of a URL", () => {
    expect(gw.logText()).not.toContain("X-Amz-Signature");
  });
});
