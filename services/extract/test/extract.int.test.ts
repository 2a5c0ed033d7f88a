import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { callGrpcUnary, createLogger, type BackendApp } from "@docproc/common";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import {
  ExtractService,
  PageResultSchema,
  PageStatus,
  PromptMode,
  type ExtractDocumentRequestSchema,
} from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { LayoutCategory } from "@docproc/gen/docproc/v1/layout_pb.js";
import { TypedDocumentSchema } from "@docproc/gen/docproc/v1/typed_document_pb.js";
import { FieldStatus } from "@docproc/gen/docproc/v1/values_pb.js";
import { HealthCheckResponse_ServingStatus as ServingStatus } from "@docproc/gen/grpc/health/v1/health_pb.js";
import { createPageLoader } from "@docproc/ingest";
import { type Client, Metadata } from "@grpc/grpc-js";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestClient,
  failure,
  healthStatus,
  reflectedServiceNames,
  waitForHealth,
} from "../../../packages/common/test-support/grpc-test-client.js";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import type { ExtractEngine } from "../src/engine.js";

const SSN = "123-45-6789";
const logger = createLogger({ service: "extract-test", level: "silent" });
const config = loadConfig({ EXTRACT_PORT: "0", EXTRACT_METRICS_PORT: "0", LOG_LEVEL: "silent" });
const fakeMask = (text: string) => text.replace(/\b\d{3}-\d{2}-(\d{4})\b/g, "***-**-$1");

/** Page indexes the fake engine fails. */
let failingPages = new Set<number>();

/** A fake dots.ocr: decodes each page for real and returns a fixed layout. */
const fakeEngine: ExtractEngine = {
  kind: "vlm",
  modelId: "fake/dots.ocr",
  async readPages(input, signal) {
    return Promise.all(
      input.pages.map(async (page) => {
        const decoded = await page.decode(signal);
        if (failingPages.has(page.index)) {
          return create(PageResultSchema, { pageIndex: page.index, status: PageStatus.FAILED, error: "[unavailable] model unreachable" });
        }
        return create(PageResultSchema, {
          pageIndex: page.index,
          status: PageStatus.OK,
          width: decoded.width,
          height: decoded.height,
          markdown: `Employee SSN ${SSN}`,
          elements: [{ category: LayoutCategory.TEXT, text: `Employee's social security number ${SSN}`, confidence: 0.9 }],
        });
      }),
    );
  },
  ready: async () => true,
  close: async () => undefined,
};

let png: Uint8Array;
let app: BackendApp;
let client: Client;
let bareApp: BackendApp;
let bareClient: Client;

beforeAll(async () => {
  png = new Uint8Array(
    await sharp({ create: { width: 120, height: 80, channels: 3, background: "#ffffff" } }).png().toBuffer(),
  );
  app = buildApp({
    config,
    logger,
    engine: fakeEngine,
    pageLoader: createPageLoader(config.ingest),
    transform: () => ({
      fields: create(TypedDocumentSchema, {
        document: { case: "w2", value: { box1WagesTipsOtherComp: { meta: { status: FieldStatus.PRESENT, confidence: 0.9 } } } },
      }),
      issues: [],
    }),
    maskIdentifiers: fakeMask,
  });
  client = createTestClient(await app.start());
  bareApp = buildApp({
    config,
    logger,
    engine: undefined,
    pageLoader: createPageLoader(config.ingest),
    transform: () => {
      throw new Error("not called without an engine");
    },
    maskIdentifiers: fakeMask,
  });
  bareClient = createTestClient(await bareApp.start());
});

afterAll(async () => {
  client?.close();
  bareClient?.close();
  await Promise.all([app?.stop(), bareApp?.stop()]);
});

type RequestInit = MessageInitShape<typeof ExtractDocumentRequestSchema>;

function extract(target: Client, init: RequestInit = {}, metadata?: Metadata) {
  const request: RequestInit = {
    document: { sources: [{ source: { case: "content", value: png } }, { source: { case: "content", value: png } }] },
    documentType: DocumentType.W2,
  };
  Object.assign(request, init);
  return callGrpcUnary(target, ExtractService.method.extractDocument, request, metadata ? { metadata } : {});
}

describe("extract server over grpc-js", () => {
  it("turns SERVING once the engine is ready", async () => {
    await waitForHealth(client, ServingStatus.SERVING);
    expect(await healthStatus(client, ExtractService.typeName)).toBe(ServingStatus.SERVING);
  });

  it("extracts inline PNG pages, masks the SSN and echoes the request id", async () => {
    failingPages = new Set();
    const metadata = new Metadata();
    metadata.set("x-request-id", "extract-int-1");
    const { response, header } = await extract(client, {}, metadata);
    expect(header.get("x-request-id")).toEqual(["extract-int-1"]);
    expect(response.pageCount).toBe(2);
    expect(response.pages[0]).toMatchObject({ width: 120, height: 80, status: PageStatus.OK });
    expect(response.pages[0]?.elements[0]?.text).toBe("Employee's social security number ***-**-6789");
    expect(JSON.stringify(response.pages)).not.toContain(SSN);
    expect(response.markdown).not.toContain(SSN);
    expect(response.fields?.document.case).toBe("w2");
    expect(response.confidence).toBeCloseTo(0.9, 5);
    expect(response).toMatchObject({ modelId: "fake/dots.ocr", engine: "vlm", needsReview: false, failedPages: [] });
  });

  it("reports one failed page in failed_pages and asks for review", async () => {
    failingPages = new Set([1]);
    const { response } = await extract(client);
    expect(response.failedPages).toEqual([1]);
    expect(response.pages[1]?.status).toBe(PageStatus.FAILED);
    expect(response.needsReview).toBe(true);
    expect(response.confidence).toBeCloseTo(0.45, 5);
  });

  it("answers UNAVAILABLE when every page failed", async () => {
    failingPages = new Set([0, 1]);
    const error = await failure(extract(client));
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toContain("all 2 pages failed");
    failingPages = new Set();
  });

  it("answers INVALID_ARGUMENT for a bad grounding box", async () => {
    const error = await failure(
      extract(client, { promptMode: PromptMode.GROUNDING_OCR, groundingBox: { xMin: 0.8, xMax: 0.2, yMin: 0, yMax: 1 } }),
    );
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("grounding_box.x_min");
  });

  it("answers FAILED_PRECONDITION without an engine and stays NOT_SERVING", async () => {
    const error = await failure(extract(bareClient));
    expect(error.code).toBe(Code.FailedPrecondition);
    expect(error.rawMessage).toBe("no engine configured");
    expect(await healthStatus(bareClient, "")).toBe(ServingStatus.NOT_SERVING);
  });

  it("lists the service, health and reflection over reflection", async () => {
    const names = await reflectedServiceNames(client);
    expect(names).toContain("docproc.v1.ExtractService");
    expect(names).toContain("grpc.health.v1.Health");
    expect(names).toContain("grpc.reflection.v1alpha.ServerReflection");
  });
});
