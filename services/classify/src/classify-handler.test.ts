import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { DOCUMENT_TYPES, createLogger } from "@docproc/common";
import { ClassifyDocumentRequestSchema, ConfidenceSource, type ClassifyDocumentRequest } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { createPageLoader, type PageLoader } from "@docproc/ingest";
import { beforeAll, describe, expect, it } from "vitest";
import { makePagePng } from "../test-support/page-fixtures.js";
import { createClassifyHandler } from "./classify-handler.js";
import type { ClassifyEngine, PageVerdict } from "./engine.js";

const logger = createLogger({ service: "classify-test", level: "silent" });

function distribution(type: DocumentType, p: number): Map<DocumentType, number> {
  return new Map(DOCUMENT_TYPES.map((t) => [t, t === type ? p : (1 - p) / 12]));
}

/** An engine answering from a per-page script; records the pages and prompts it saw. */
function scriptedEngine(script: Record<number, PageVerdict | ConnectError>) {
  const seen: Array<{ index: number; prompt?: string }> = [];
  const engine: ClassifyEngine = {
    kind: "vlm",
    modelId: "fake-vlm",
    async classifyPage(page, options, signal) {
      seen.push({ index: page.index, ...(options.prompt === undefined ? {} : { prompt: options.prompt }) });
      await page.decode(signal);
      const answer = script[page.index];
      if (answer === undefined || answer instanceof ConnectError) throw answer ?? new Error("no script");
      return answer;
    },
    async ready() {
      return true;
    },
    async close() {},
  };
  return { engine, seen };
}

const verdict = (type: DocumentType, p: number): PageVerdict => ({
  documentType: type,
  scores: distribution(type, p),
  confidenceSource: ConfidenceSource.MODEL_PROBABILITIES,
  reasoning: `looks like ${DocumentType[type]}`,
});

let pngs: Buffer[];
beforeAll(async () => {
  pngs = await Promise.all([40, 90, 140].map((shade) => makePagePng(300, 400, shade)));
});

/** The real page loader, with a counter on close(). */
function countingLoader() {
  const inner = createPageLoader({
    fetchTimeoutMs: 5_000,
    fetchMaxBytes: 10_000_000,
    maxPages: 20,
    maxPixelsPerPage: 50_000_000,
    allowPrivateNetworks: false,
    allowHttp: false,
  });
  const counts = { closed: 0 };
  const loader: PageLoader = {
    async load(sources, range, signal) {
      const document = await inner.load(sources, range, signal);
      return {
        ...document,
        close: async () => {
          counts.closed += 1;
          await document.close();
        },
      };
    },
  };
  return { loader, counts };
}

function request(init: Partial<{ pages: Buffer[]; maxPages: number; prompt: string }> = {}): ClassifyDocumentRequest {
  return create(ClassifyDocumentRequestSchema, {
    document: { sources: (init.pages ?? pngs).map((png) => ({ source: { case: "content" as const, value: new Uint8Array(png) } })) },
    maxPages: init.maxPages ?? 0,
    prompt: init.prompt ?? "",
  });
}

const ctx = () => ({ signal: new AbortController().signal, logger });

async function errorOf(promise: Promise<unknown>): Promise<ConnectError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(ConnectError);
  return error as ConnectError;
}

async function codeOf(promise: Promise<unknown>): Promise<Code> {
  return (await errorOf(promise)).code;
}

describe("createClassifyHandler", () => {
  it("classifies pages concurrently, combines them and flags disagreeing pages", async () => {
    const { engine, seen } = scriptedEngine({ 0: verdict(DocumentType.W2, 0.9), 1: verdict(DocumentType.W2, 0.8), 2: verdict(DocumentType.INVOICE, 0.7) });
    const { loader, counts } = countingLoader();
    const handler = createClassifyHandler({ engine, pageLoader: loader, maxPages: 5, logger });
    const response = await handler(request({ prompt: "custom" }), ctx());
    expect(response.documentType).toBe(DocumentType.W2);
    expect(response.pagesDisagree).toBe(true);
    expect(response.confidenceSource).toBe(ConfidenceSource.MODEL_PROBABILITIES);
    expect(response.pageCount).toBe(3);
    expect(response.pages.map((page) => [page.pageIndex, page.documentType])).toEqual([
      [0, DocumentType.W2],
      [1, DocumentType.W2],
      [2, DocumentType.INVOICE],
    ]);
    expect(response.pages[2]!.confidence).toBeCloseTo(0.7, 5);
    expect(response.scores).toHaveLength(13);
    expect(response.scores[0]!.documentType).toBe(DocumentType.W2);
    for (let i = 1; i < response.scores.length; i++) expect(response.scores[i - 1]!.score).toBeGreaterThanOrEqual(response.scores[i]!.score);
    expect(response.confidence).toBeCloseTo(response.scores[0]!.score, 5);
    expect(response.modelId).toBe("fake-vlm");
    expect(response.engine).toBe("vlm");
    expect(response.latencyMs).toBeGreaterThanOrEqual(0n);
    expect(response.reasoning).toContain("Pages disagree");
    expect(seen.map((page) => page.prompt)).toEqual(["custom", "custom", "custom"]);
    expect(counts.closed).toBe(1);
  });

  it("classifies only the first max_pages pages, the request's value over the default", async () => {
    const { engine, seen } = scriptedEngine({ 0: verdict(DocumentType.CHECK, 0.9), 1: verdict(DocumentType.CHECK, 0.9) });
    const { loader } = countingLoader();
    const handler = createClassifyHandler({ engine, pageLoader: loader, maxPages: 2, logger });
    const response = await handler(request({ maxPages: 1 }), ctx());
    expect(seen.map((page) => page.index)).toEqual([0]);
    expect(response.pages).toHaveLength(1);
    expect(response.pageCount).toBe(3);
    const byDefault = await handler(request(), ctx());
    expect(byDefault.pages).toHaveLength(2);
    expect(byDefault.pagesDisagree).toBe(false);
  });

  it("reports a failed page with its error and still answers", async () => {
    const { engine } = scriptedEngine({ 0: verdict(DocumentType.RECEIPT, 0.9), 1: new ConnectError("classifier model unreachable", Code.Unavailable) });
    const { loader } = countingLoader();
    const handler = createClassifyHandler({ engine, pageLoader: loader, maxPages: 2, logger });
    const response = await handler(request(), ctx());
    expect(response.documentType).toBe(DocumentType.RECEIPT);
    expect(response.pages[1]!.documentType).toBe(DocumentType.UNSPECIFIED);
    expect(response.pages[1]!.error).toBe("classifier model unreachable");
    expect(response.pages[1]!.scores).toEqual([]);
  });

  it("fails with the page error when every page failed, and still closes the document", async () => {
    const { engine } = scriptedEngine({ 0: new ConnectError("classifier model unreachable", Code.Unavailable) });
    const { loader, counts } = countingLoader();
    const handler = createClassifyHandler({ engine, pageLoader: loader, maxPages: 1, logger });
    expect(await codeOf(handler(request(), ctx()))).toBe(Code.Unavailable);
    expect(counts.closed).toBe(1);
  });

  it("ends with the deadline when the signal aborts", async () => {
    const controller = new AbortController();
    const engine: ClassifyEngine = {
      ...scriptedEngine({}).engine,
      async classifyPage() {
        controller.abort(new ConnectError("deadline exceeded", Code.DeadlineExceeded));
        throw new ConnectError("request cancelled", Code.Canceled);
      },
    };
    const { loader, counts } = countingLoader();
    const handler = createClassifyHandler({ engine, pageLoader: loader, maxPages: 3, logger });
    expect(await codeOf(handler(request(), { signal: controller.signal, logger }))).toBe(Code.DeadlineExceeded);
    expect(counts.closed).toBe(1);
  });

  it("rejects requests without a document, without sources, or with negative max_pages", async () => {
    const { engine } = scriptedEngine({});
    const { loader } = countingLoader();
    const handler = createClassifyHandler({ engine, pageLoader: loader, maxPages: 1, logger });
    const noDocument = await errorOf(handler(create(ClassifyDocumentRequestSchema, {}), ctx()));
    expect(noDocument.code).toBe(Code.InvalidArgument);
    expect(noDocument.rawMessage).toContain("document");
    const noSources = await errorOf(handler(create(ClassifyDocumentRequestSchema, { document: {} }), ctx()));
    expect(noSources.code).toBe(Code.InvalidArgument);
    expect(noSources.rawMessage).toContain("document.sources");
    const emptySource = create(ClassifyDocumentRequestSchema, { document: { sources: [{}] } });
    expect(await codeOf(handler(emptySource, ctx()))).toBe(Code.InvalidArgument);
    const negative = await errorOf(handler(request({ maxPages: -1 }), ctx()));
    expect(negative.code).toBe(Code.InvalidArgument);
    expect(negative.rawMessage).toContain("max_pages");
  });
});
