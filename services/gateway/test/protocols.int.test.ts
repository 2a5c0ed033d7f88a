import { create } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { callGrpcUnary } from "@docproc/common";
import { ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { DocumentService } from "@docproc/gen/docproc/v1/document_service_pb.js";
import { ExtractService, PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { Health, HealthCheckResponse_ServingStatus } from "@docproc/gen/grpc/health/v1/health_pb.js";
import * as v1alpha from "@docproc/gen/grpc/reflection/v1alpha/reflection_pb.js";
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestClient, reflectV1 } from "../../../packages/common/test-support/grpc-test-client.js";
import { startGateway, TEST_KEYS, type GatewayHarness } from "./support/gateway-harness.js";
import { PROTOCOLS } from "./support/protocols.js";
import { startSplitProxy, type SplitProxy } from "./support/split-proxy.js";

const keyHeader = { "x-api-key": TEST_KEYS.alice };
const document = { sources: [{ source: { case: "url" as const, value: "https://example.com/w2.png" } }] };

let gw: GatewayHarness;
let proxy: SplitProxy;

beforeAll(async () => {
  gw = await startGateway();
  proxy = await startSplitProxy(gw.port, { firstBytes: 1, pauseMs: 100 });
});
afterAll(async () => {
  await proxy.close();
  await gw.close();
});

describe("one port, every protocol", () => {
  it("answers Connect JSON over plain HTTP/1.1 with snake_case or camelCase input", async () => {
    for (const body of [
      { document: { sources: [{ url: "https://example.com/a.png" }] }, max_pages: 2 },
      { document: { sources: [{ url: "https://example.com/a.png" }] }, maxPages: 2 },
    ]) {
      const res = await fetch(`${gw.baseUrl}/docproc.v1.ClassifyService/ClassifyDocument`, {
        method: "POST",
        headers: { "content-type": "application/json", ...keyHeader },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
      const json = (await res.json()) as Record<string, unknown>;
      expect(json["documentType"]).toBe("DOCUMENT_TYPE_W2");
      expect(gw.classify.calls.at(-1)?.request.maxPages).toBe(2);
    }
  });

  for (const [name, transport] of Object.entries(PROTOCOLS)) {
    it(`serves ClassifyService over ${name}`, async () => {
      const client = createClient(ClassifyService, transport(gw.baseUrl));
      const response = await client.classifyDocument({ document }, { headers: keyHeader });
      expect(response.documentType).toBe(DocumentType.W2);
      expect(response.modelId).toBe("fake-classifier");
    });
  }

  it("serves ExtractService and DocumentService over gRPC", async () => {
    const transport = createGrpcTransport({ baseUrl: gw.baseUrl });
    const extract = await createClient(ExtractService, transport).extractDocument(
      { document, documentType: DocumentType.W2, promptMode: PromptMode.OCR },
      { headers: keyHeader },
    );
    expect(extract.fields?.document.case).toBe("w2");
    expect(gw.extract.calls.at(-1)?.request.promptMode).toBe(PromptMode.OCR);

    const processed = await createClient(DocumentService, transport).processDocument(
      { document, promptMode: PromptMode.LAYOUT_ALL, classifyPrompt: "look closely" },
      { headers: keyHeader },
    );
    expect(processed.classification?.documentType).toBe(DocumentType.W2);
    expect(processed.extraction?.documentType).toBe(DocumentType.W2);
    expect(gw.classify.calls.at(-1)?.request.prompt).toBe("look closely");
    expect(gw.extract.calls.at(-1)?.request.promptMode).toBe(PromptMode.LAYOUT_ALL);
  });

  it("skips classification when ProcessDocument is given the type", async () => {
    const before = gw.classify.calls.length;
    const processed = await createClient(DocumentService, createConnectTransport({ baseUrl: gw.baseUrl, httpVersion: "1.1" })).processDocument(
      { document, documentType: DocumentType.INVOICE },
      { headers: keyHeader },
    );
    expect(processed.classification).toBeUndefined();
    expect(processed.extraction?.documentType).toBe(DocumentType.INVOICE);
    expect(gw.classify.calls.length).toBe(before);
  });

  it("serves a @grpc/grpc-js client", async () => {
    const client = createTestClient(gw.port);
    try {
      const metadata = new grpc.Metadata();
      metadata.set("x-api-key", TEST_KEYS.alice);
      const result = await callGrpcUnary(client, ClassifyService.method.classifyDocument, { document }, { metadata });
      expect(result.response.documentType).toBe(DocumentType.W2);
      expect(result.header.get("x-request-id")[0]).toBeTruthy();
    } finally {
      client.close();
    }
  });

  it("works when the preface or request line arrives split across TCP writes", async () => {
    const splitUrl = `http://127.0.0.1:${proxy.port}`;
    const h2 = await createClient(ClassifyService, createGrpcTransport({ baseUrl: splitUrl })).classifyDocument({ document }, { headers: keyHeader });
    expect(h2.documentType).toBe(DocumentType.W2);
    const h1 = await createClient(ClassifyService, createConnectTransport({ baseUrl: splitUrl, httpVersion: "1.1" })).classifyDocument(
      { document },
      { headers: keyHeader },
    );
    expect(h1.documentType).toBe(DocumentType.W2);
  });

  it("lists every service over gRPC reflection (grpc-js client, no key)", async () => {
    const client = createTestClient(gw.port);
    try {
      const [response] = await reflectV1(client, [{ messageRequest: { case: "listServices", value: "" } }]);
      expect(response?.messageResponse.case).toBe("listServicesResponse");
      const names = response?.messageResponse.case === "listServicesResponse" ? response.messageResponse.value.service.map((s) => s.name) : [];
      expect(names).toEqual(
        expect.arrayContaining([
          "docproc.v1.ClassifyService",
          "docproc.v1.ExtractService",
          "docproc.v1.DocumentService",
          "grpc.health.v1.Health",
          "grpc.reflection.v1.ServerReflection",
          "grpc.reflection.v1alpha.ServerReflection",
        ]),
      );
    } finally {
      client.close();
    }
  });

  it("answers v1alpha reflection too (older grpcurl, Postman)", async () => {
    const client = createClient(v1alpha.ServerReflection, createGrpcTransport({ baseUrl: gw.baseUrl }));
    async function* requests() {
      yield create(v1alpha.ServerReflectionRequestSchema, { messageRequest: { case: "fileContainingSymbol", value: "docproc.v1.DocumentService" } });
    }
    for await (const response of client.serverReflectionInfo(requests())) {
      expect(response.messageResponse.case).toBe("fileDescriptorResponse");
      const files = response.messageResponse.case === "fileDescriptorResponse" ? response.messageResponse.value.fileDescriptorProto : [];
      expect(files.length).toBeGreaterThan(1);
    }
  });

  it("answers grpc.health.v1 Check without a key", async () => {
    const health = createClient(Health, createGrpcTransport({ baseUrl: gw.baseUrl }));
    for (const service of ["", "docproc.v1.ClassifyService", "docproc.v1.ExtractService", "docproc.v1.DocumentService"]) {
      expect((await health.check({ service })).status).toBe(HealthCheckResponse_ServingStatus.SERVING);
    }
    await expect(health.check({ service: "nope.Service" })).rejects.toMatchObject({ code: 5 });
  });
});
