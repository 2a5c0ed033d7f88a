import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { callGrpcUnary, createLogger, type BackendApp } from "@docproc/common";
import {
  ClassifyDocumentResponseSchema,
  ClassifyService,
  ConfidenceSource,
  type ClassifyDocumentRequest,
} from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { Health, HealthCheckResponse_ServingStatus as ServingStatus } from "@docproc/gen/grpc/health/v1/health_pb.js";
import * as reflection from "@docproc/gen/grpc/reflection/v1/reflection_pb.js";
import { createPageLoader } from "@docproc/ingest";
import { Client, credentials, Metadata } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
  client = new Client(`127.0.0.1:${await app.start()}`, credentials.createInsecure());
  bareApp = buildApp({ config, logger, engine: undefined, pageLoader: createPageLoader(config.ingest) });
  bareClient = new Client(`127.0.0.1:${await bareApp.start()}`, credentials.createInsecure());
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

async function failure(promise: Promise<unknown>): Promise<ConnectError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

async function healthOf(target: Client, service = ""): Promise<ServingStatus> {
  return (await callGrpcUnary(target, Health.method.check, { service })).response.status;
}

async function waitForHealth(target: Client, status: ServingStatus): Promise<void> {
  while ((await healthOf(target)) !== status) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("classify server over grpc-js", () => {
  it("is NOT_SERVING until the engine is ready, then SERVING", async () => {
    expect(await healthOf(client)).toBe(ServingStatus.NOT_SERVING);
    engineReady = true;
    await waitForHealth(client, ServingStatus.SERVING);
    expect(await healthOf(client, ClassifyService.typeName)).toBe(ServingStatus.SERVING);
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
    expect(await healthOf(bareClient)).toBe(ServingStatus.NOT_SERVING);
  });

  it("describes ClassifyService over reflection", async () => {
    const files = await new Promise<Uint8Array[]>((resolve, reject) => {
      const stream = client.makeBidiStreamRequest(
        `/${reflection.ServerReflection.typeName}/ServerReflectionInfo`,
        (m: reflection.ServerReflectionRequest) => Buffer.from(toBinary(reflection.ServerReflectionRequestSchema, m)),
        (b: Buffer) => fromBinary(reflection.ServerReflectionResponseSchema, b),
      );
      stream.on("data", (m: reflection.ServerReflectionResponse) =>
        resolve(m.messageResponse.case === "fileDescriptorResponse" ? m.messageResponse.value.fileDescriptorProto : []),
      );
      stream.on("error", reject);
      stream.write(
        create(reflection.ServerReflectionRequestSchema, {
          messageRequest: { case: "fileContainingSymbol", value: "docproc.v1.ClassifyService" },
        }),
      );
      stream.end();
    });
    expect(files.length).toBeGreaterThanOrEqual(2);
  });
});
