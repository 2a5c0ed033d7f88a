import { create } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { callGrpcUnary, createLogger, type BackendApp } from "@docproc/common";
import {
  ClassifyDocumentResponseSchema,
  ClassifyService,
  ConfidenceSource,
  type ClassifyDocumentRequest,
} from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { HealthCheckResponse_ServingStatus as ServingStatus } from "@docproc/gen/grpc/health/v1/health_pb.js";
import { createPageLoader } from "@docproc/ingest";
import { type Client, Metadata } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestClient,
  failure,
  healthStatus,
  reflectedFilesContaining,
  waitForHealth,
} from "../../../packages/common/test-support/grpc-test-client.js";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import type { ClassifyEngine } from "../src/engine.js";

const logger = createLogger({ service: "classify-test", level: "silent" });
const config = loadConfig({ CLASSIFY_PORT: "0", CLASSIFY_METRICS_PORT: "0", LOG_LEVEL: "silent" });

/** Becomes ready when the test says so, to watch health follow it. */
let engineReady = false;
const fakeEngine: ClassifyEngine = {
  kind: "cpu",
  modelId: "fake/classifier",
  classifyPage: () => Promise.reject(new Error("the fake handler does not call the engine")),
  ready: async () => engineReady,
  close: async () => undefined,
};

const seenRequests: ClassifyDocumentRequest[] = [];

let app: BackendApp;
let client: Client;
let bareApp: BackendApp;
let bareClient: Client;

beforeAll(async () => {
  app = buildApp({
    config,
    logger,
    engine: fakeEngine,
    pageLoader: createPageLoader(config.ingest),
    handler: async (request) => {
      seenRequests.push(request);
      return create(ClassifyDocumentResponseSchema, {
        documentType: DocumentType.W2,
        confidence: 0.93,
        confidenceSource: ConfidenceSource.TEXT_EVIDENCE,
        modelId: fakeEngine.modelId,
        engine: fakeEngine.kind,
        pageCount: 1,
      });
    },
    readiness: { minIntervalMs: 10, maxIntervalMs: 20, readyIntervalMs: 20 },
  });
  client = createTestClient(await app.start());
  bareApp = buildApp({ config, logger, engine: undefined, pageLoader: createPageLoader(config.ingest) });
  bareClient = createTestClient(await bareApp.start());
});

afterAll(async () => {
  client?.close();
  bareClient?.close();
  await Promise.all([app?.stop(), bareApp?.stop()]);
});

const classify = (target: Client, metadata?: Metadata) =>
  callGrpcUnary(
    target,
    ClassifyService.method.classifyDocument,
    { document: { sources: [{ source: { case: "url", value: "https://example.com/w2.pdf" } }] }, maxPages: 2 },
    metadata ? { metadata } : {},
  );

describe("classify server over grpc-js", () => {
  it("is NOT_SERVING until the engine is ready, then SERVING", async () => {
    expect(await healthStatus(client)).toBe(ServingStatus.NOT_SERVING);
    engineReady = true;
    await waitForHealth(client, ServingStatus.SERVING);
    expect(await healthStatus(client, ClassifyService.typeName)).toBe(ServingStatus.SERVING);
  });

  it("answers through the injected handler and echoes the request id", async () => {
    const metadata = new Metadata();
    metadata.set("x-request-id", "classify-int-1");
    const { response, header } = await classify(client, metadata);
    expect(header.get("x-request-id")).toEqual(["classify-int-1"]);
    expect(response).toMatchObject({ documentType: DocumentType.W2, engine: "cpu", modelId: "fake/classifier" });
    expect(response.confidence).toBeCloseTo(0.93, 5);
    expect(seenRequests.at(-1)?.maxPages).toBe(2);
  });

  it("goes back to NOT_SERVING when the engine stops being ready", async () => {
    engineReady = false;
    await waitForHealth(client, ServingStatus.NOT_SERVING);
    engineReady = true;
    await waitForHealth(client, ServingStatus.SERVING);
  });

  it("answers FAILED_PRECONDITION without an engine", async () => {
    const error = await failure(classify(bareClient));
    expect(error.code).toBe(Code.FailedPrecondition);
    expect(error.rawMessage).toBe("no engine configured");
    expect(error.metadata.get("x-request-id")).toBeTruthy();
    expect(await healthStatus(bareClient)).toBe(ServingStatus.NOT_SERVING);
  });

  it("describes ClassifyService over reflection", async () => {
    const files = await reflectedFilesContaining(client, "docproc.v1.ClassifyService");
    expect(files.length).toBeGreaterThanOrEqual(2);
  });
});
