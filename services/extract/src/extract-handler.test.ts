import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { createInflightLimit, createLogger, createMetrics } from "@docproc/common";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import {
  ExtractDocumentRequestSchema,
  PageResultSchema,
  PageStatus,
  PromptMode,
  type PageResult,
} from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { LayoutCategory } from "@docproc/gen/docproc/v1/layout_pb.js";
import { TypedDocumentSchema } from "@docproc/gen/docproc/v1/typed_document_pb.js";
import { FieldStatus, Severity, ValidationIssueSchema } from "@docproc/gen/docproc/v1/values_pb.js";
import type { LoadedDocument, PageHandle, PageLoader, PageRangeInput, SourceInput } from "@docproc/ingest";
import { describe, expect, it } from "vitest";
import { failure } from "../../../packages/common/test-support/grpc-test-client.js";
import type { ExtractEngine, ReadPagesInput } from "./engine.js";
import { createExtractHandler, type ExtractHandlerDeps } from "./extract-handler.js";
import type { TransformResult } from "./transform/transform-types.js";

const logger = createLogger({ service: "test", level: "silent" });
const SSN = "123-45-6789";
const fakeMask = (text: string) => text.replace(/\b\d{3}-\d{2}-(\d{4})\b/g, "***-**-$1");

interface Harness {
  deps: ExtractHandlerDeps;
  loads: Array<{ sources: SourceInput[]; range: PageRangeInput | undefined; signal: AbortSignal | undefined }>;
  closed: () => number;
  transformed: PageResult[][];
}

function page(index: number, status = PageStatus.OK, error = ""): MessageInitShape<typeof PageResultSchema> {
  if (status === PageStatus.FAILED) return { pageIndex: index, status, error };
  return {
    pageIndex: index,
    status,
    error,
    width: 100,
    height: 100,
    markdown: `Employee SSN ${SSN} page ${index}`,
    elements: [
      { category: LayoutCategory.TEXT, text: `SSN ${SSN}`, confidence: 0.5 },
      {
        category: LayoutCategory.TABLE,
        text: `<table><tr><td>${SSN}</td></tr></table>`,
        table: { rows: [{ cells: [{ text: SSN }] }], rowCount: 1, columnCount: 1 },
      },
    ],
  };
}

function harness(options: {
  pages?: Array<MessageInitShape<typeof PageResultSchema>>;
  transform?: TransformResult;
} = {}): Harness {
  const pageInits = options.pages ?? [page(0), page(1)];
  const loads: Harness["loads"] = [];
  let closed = 0;
  const transformed: PageResult[][] = [];
  const pageLoader: PageLoader = {
    async load(sources, range, signal): Promise<LoadedDocument> {
      loads.push({ sources, range, signal });
      const pages = pageInits.map((_, index): PageHandle => ({
        index,
        sourceIndex: 0,
        format: "png",
        decode: () => Promise.reject(new Error("fake pages are not decoded")),
      }));
      return { pages, totalPages: pages.length, close: async () => void closed++ };
    },
  };
  const engine: ExtractEngine = {
    kind: "vlm",
    modelId: "fake/dots",
    // The handler asks for one page per call (so each page frees its admission slot when done).
    async readPages(input: ReadPagesInput) {
      expect(input.pages).toHaveLength(1);
      return input.pages.map((handle) => create(PageResultSchema, pageInits[handle.index]));
    },
    ready: async () => true,
    close: async () => undefined,
  };
  return {
    loads,
    closed: () => closed,
    transformed,
    deps: {
      engine,
      pageLoader,
      logger,
      maskIdentifiers: fakeMask,
      transform: (_type, pages) => {
        transformed.push(structuredClone(pages));
        return options.transform ?? { fields: create(TypedDocumentSchema), issues: [] };
      },
    },
  };
}

function request(init: MessageInitShape<typeof ExtractDocumentRequestSchema> = {}) {
  const base: MessageInitShape<typeof ExtractDocumentRequestSchema> = {
    document: { sources: [{ source: { case: "content", value: new Uint8Array([1, 2, 3]) }, mediaType: "image/png" }] },
    documentType: DocumentType.W2,
  };
  return create(ExtractDocumentRequestSchema, Object.assign(base, init));
}

const ctx = () => ({ signal: new AbortController().signal, logger });

const w2Fields = (confidences: number[], extra: FieldStatus[] = []) =>
  create(TypedDocumentSchema, {
    document: {
      case: "w2",
      value: {
        box1WagesTipsOtherComp: { meta: { status: FieldStatus.PRESENT, confidence: confidences[0] ?? 0 } },
        box2FederalIncomeTaxWithheld: { meta: { status: FieldStatus.PRESENT, confidence: confidences[1] ?? 0 } },
        employeeSsn: { meta: { status: extra[0] ?? FieldStatus.NOT_FOUND, confidence: 0 } },
      },
    },
  });

describe("createExtractHandler", () => {
  it("builds typed fields from unmasked layout, then masks every text it returns", async () => {
    const h = harness({ transform: { fields: w2Fields([0.9, 0.7]), issues: [] } });
    const response = await createExtractHandler(h.deps)(request(), ctx());

    expect(h.transformed[0]?.[0]?.elements[0]?.text).toBe(`SSN ${SSN}`);
    const json = JSON.stringify(response.pages);
    expect(json).not.toContain(SSN);
    expect(response.pages[0]?.elements[0]?.text).toBe("SSN ***-**-6789");
    expect(response.pages[0]?.elements[1]?.table?.rows[0]?.cells[0]?.text).toBe("***-**-6789");
    expect(response.markdown).toBe("Employee SSN ***-**-6789 page 0\n\nEmployee SSN ***-**-6789 page 1");

    expect(response.fields?.document.case).toBe("w2");
    expect(response.confidence).toBeCloseTo(0.8, 5);
    expect(response.needsReview).toBe(false);
    expect(response).toMatchObject({ documentType: DocumentType.W2, pageCount: 2, modelId: "fake/dots", engine: "vlm", failedPages: [] });
    expect(h.closed()).toBe(1);
  });

  it("passes sources, page range and signal to the page loader", async () => {
    const h = harness();
    const call = ctx();
    await createExtractHandler(h.deps)(
      request({
        document: {
          sources: [{ source: { case: "url", value: "https://example.com/a.pdf" } }, { source: { case: "content", value: new Uint8Array([9]) } }],
          pageRange: { firstPage: 2, lastPage: 0 },
        },
      }),
      call,
    );
    expect(h.loads[0]?.sources).toEqual([{ url: "https://example.com/a.pdf" }, { content: new Uint8Array([9]) }]);
    expect(h.loads[0]?.range).toEqual({ firstPage: 2, lastPage: 0 });
    expect(h.loads[0]?.signal).toBe(call.signal);
  });

  it("reports a failed page, lowers the confidence and asks for review", async () => {
    const h = harness({ pages: [page(0), page(1, PageStatus.FAILED, "[unavailable] model unreachable")], transform: { fields: w2Fields([0.8, 0.8]), issues: [] } });
    const response = await createExtractHandler(h.deps)(request(), ctx());
    expect(response.failedPages).toEqual([1]);
    expect(response.confidence).toBeCloseTo(0.4, 5);
    expect(response.needsReview).toBe(true);
    expect(response.markdown).toBe("Employee SSN ***-**-6789 page 0");
  });

  it("answers with the first page's error code when every page failed, and still closes the document", async () => {
    const h = harness({ pages: [page(0, PageStatus.FAILED, "[deadline_exceeded] model timed out"), page(1, PageStatus.FAILED, "x")] });
    const error = await failure(createExtractHandler(h.deps)(request(), ctx()));
    expect(error.code).toBe(Code.DeadlineExceeded);
    expect(error.rawMessage).toContain("all 2 pages failed");
    expect(h.closed()).toBe(1);

    const plain = harness({ pages: [page(0, PageStatus.FAILED, "page could not be decoded")] });
    expect((await failure(createExtractHandler(plain.deps)(request(), ctx()))).code).toBe(Code.Unavailable);
  });

  it("asks for review on warnings, repaired pages, illegible and low-confidence fields", async () => {
    const warning = create(ValidationIssueSchema, { code: "w2.box4", severity: Severity.WARNING });
    const info = create(ValidationIssueSchema, { code: "w2.note", severity: Severity.INFO });
    const cases: Array<[Parameters<typeof harness>[0], boolean]> = [
      [{ transform: { fields: w2Fields([0.9, 0.9]), issues: [info] } }, false],
      [{ transform: { fields: w2Fields([0.9, 0.9]), issues: [warning] } }, true],
      [{ transform: { fields: w2Fields([0.9, 0.3]), issues: [] } }, true],
      [{ transform: { fields: w2Fields([0.9, 0.9], [FieldStatus.ILLEGIBLE]), issues: [] } }, true],
      [{ pages: [page(0, PageStatus.REPAIRED, "repaired: cut off")], transform: { fields: w2Fields([0.9, 0.9]), issues: [] } }, true],
    ];
    for (const [options, expected] of cases) {
      const response = await createExtractHandler(harness(options).deps)(request(), ctx());
      expect(response.needsReview).toBe(expected);
    }
  });

  it("returns layout only without a document type or outside LAYOUT_ALL", async () => {
    for (const init of [{ documentType: DocumentType.UNSPECIFIED }, { promptMode: PromptMode.OCR }]) {
      const h = harness();
      const response = await createExtractHandler(h.deps)(request(init), ctx());
      expect(h.transformed).toHaveLength(0);
      expect(response.fields).toBeUndefined();
      // Without typed fields the engine's element confidences are averaged.
      expect(response.confidence).toBeCloseTo(0.5, 5);
    }
  });

  it("rejects bad requests with INVALID_ARGUMENT naming the field, before loading anything", async () => {
    const bad: Array<[MessageInitShape<typeof ExtractDocumentRequestSchema>, string]> = [
      [{ document: undefined }, "document is required"],
      [{ document: { sources: [] } }, "document.sources"],
      [{ document: { sources: [{ mediaType: "image/png" }] } }, "document.sources[0]"],
      [{ document: { sources: [{ source: { case: "url", value: "https://x" } }], pageRange: { firstPage: 3, lastPage: 2 } } }, "page_range"],
      [{ documentType: 99 as DocumentType }, "document_type"],
      [{ promptMode: 42 as PromptMode }, "prompt_mode"],
      [{ promptMode: PromptMode.GROUNDING_OCR }, "grounding_box is required"],
      [{ promptMode: PromptMode.GROUNDING_OCR, groundingBox: { xMin: 0.5, xMax: 0.4, yMin: 0, yMax: 1 } }, "grounding_box.x_min"],
      [{ promptMode: PromptMode.GROUNDING_OCR, groundingBox: { xMin: 0, xMax: 1, yMin: 0, yMax: 1.5 } }, "grounding_box.y_max"],
      [{ promptMode: PromptMode.GROUNDING_OCR, groundingBox: { xMin: Number.NaN, xMax: 1, yMin: 0, yMax: 1 } }, "grounding_box.x_min"],
    ];
    for (const [init, field] of bad) {
      const h = harness();
      const error = await failure(createExtractHandler(h.deps)(request(init), ctx()));
      expect(error.code).toBe(Code.InvalidArgument);
      expect(error.rawMessage).toContain(field);
      expect(h.loads).toHaveLength(0);
    }
  });

  it("accepts a valid grounding box", async () => {
    const h = harness();
    const response = await createExtractHandler(h.deps)(
      request({ promptMode: PromptMode.GROUNDING_OCR, groundingBox: { xMin: 0, yMin: 0.25, xMax: 1, yMax: 0.5 } }),
      ctx(),
    );
    expect(response.pageCount).toBe(2);
  });

  it("admits a document's pages only if they fit, closing a refused document, and counts pages by status", async () => {
    const h = harness({ pages: [page(0), page(1, PageStatus.FAILED, "[unavailable] down")] });
    const pageAdmission = createInflightLimit({ max: 2 });
    const metrics = createMetrics("extract");
    const handler = createExtractHandler({ ...h.deps, pageAdmission, metrics });

    expect(pageAdmission.tryAcquire(1)).toBe(true); // another call holds one page
    const busy = await failure(handler(request(), ctx()));
    expect(busy.code).toBe(Code.ResourceExhausted);
    expect(busy.rawMessage).toBe("server busy: 1 pages in flight");
    expect(h.closed()).toBe(1);
    pageAdmission.release(1);

    const response = await handler(request(), ctx());
    expect(response.failedPages).toEqual([1]);
    expect(pageAdmission.inFlight).toBe(0);
    const text = await metrics.render();
    expect(text).toContain('docproc_rpc_rejected_total{service="extract",reason="pages"} 1');
    expect(text).toContain('docproc_pages_processed_total{service="extract",engine="vlm",document_type="W2",status="ok"} 1');
    expect(text).toContain('docproc_pages_processed_total{service="extract",engine="vlm",document_type="W2",status="failed"} 1');
  });

  it("gives each page's slot back as soon as that page is read", async () => {
    const pageAdmission = createInflightLimit({ max: 10 });
    let releaseSecond!: () => void;
    const secondHeld = new Promise<void>((resolve) => (releaseSecond = resolve));
    const h = harness();
    const engine: ExtractEngine = {
      ...h.deps.engine,
      async readPages(input) {
        const [handle] = input.pages;
        if (handle?.index === 1) await secondHeld;
        return [create(PageResultSchema, page(handle?.index ?? 0))];
      },
    };
    const pending = createExtractHandler({ ...h.deps, engine, pageAdmission })(request(), ctx());
    // Page 0 is read and has given its slot back while page 1 is still held.
    while (pageAdmission.inFlight !== 1) await new Promise((resolve) => setTimeout(resolve, 1));
    releaseSecond();
    await pending;
    expect(pageAdmission.inFlight).toBe(0);
  });
});
