import { Code, ConnectError } from "@connectrpc/connect";
import { ConfidenceSource } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import type { OcrEngine, OcrPage } from "@docproc/ocr";
import { describe, expect, it } from "vitest";
import { makePagePng, pageHandleFromPng } from "../../test-support/page-fixtures.js";
import { createCpuClassifyEngine } from "./cpu-classify-engine.js";

/** An OCR engine that returns a fixed text and records what it was given. */
function fakeOcr(text: string) {
  const seen: Buffer[] = [];
  let closed = 0;
  const engine: OcrEngine = {
    id: "fake-ocr",
    workers: 1,
    async recognize(png: Buffer, signal?: AbortSignal): Promise<OcrPage> {
      signal?.throwIfAborted();
      seen.push(png);
      return { width: 100, height: 100, lines: [], text };
    },
    async warmup() {},
    async close() {
      closed += 1;
    },
  };
  return { engine, seen, closedCount: () => closed };
}

describe("createCpuClassifyEngine", () => {
  it("classifies the OCR text of the prepared page with text evidence", async () => {
    const ocr = fakeOcr("Form 1099-NEC\nNonemployee Compensation\nCopy B For Recipient");
    const engine = createCpuClassifyEngine({ ocr: ocr.engine });
    expect(engine.kind).toBe("cpu");
    expect(engine.modelId).toBe("cpu:fake-ocr");
    const png = await makePagePng(400, 500);
    const verdict = await engine.classifyPage(pageHandleFromPng(0, png, { width: 400, height: 500 }), {}, new AbortController().signal);
    expect(verdict.documentType).toBe(DocumentType.FORM_1099_NEC);
    expect(verdict.confidenceSource).toBe(ConfidenceSource.TEXT_EVIDENCE);
    expect(verdict.scores!.get(DocumentType.FORM_1099_NEC)).toBeGreaterThan(0.9);
    expect(ocr.seen[0]!.subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  it("says so when OCR finds no text", async () => {
    const ocr = fakeOcr("  \n");
    const engine = createCpuClassifyEngine({ ocr: ocr.engine });
    const png = await makePagePng(200, 200);
    const verdict = await engine.classifyPage(pageHandleFromPng(0, png, { width: 200, height: 200 }), {}, new AbortController().signal);
    expect(verdict.documentType).toBe(DocumentType.OTHER);
    expect(verdict.reasoning).toContain("OCR found no text");
  });

  it("closes the OCR pool once and refuses work afterwards", async () => {
    const ocr = fakeOcr("x");
    const engine = createCpuClassifyEngine({ ocr: ocr.engine });
    expect(await engine.ready()).toBe(true);
    await engine.close();
    await engine.close();
    expect(ocr.closedCount()).toBe(1);
    expect(await engine.ready()).toBe(false);
    const png = await makePagePng(100, 100);
    const error = await engine
      .classifyPage(pageHandleFromPng(0, png, { width: 100, height: 100 }), {}, new AbortController().signal)
      .catch((reason: unknown) => reason);
    expect((error as ConnectError).code).toBe(Code.Unavailable);
  });
});
