import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { Health, HealthCheckResponse_ServingStatus as ServingStatus } from "@docproc/gen/grpc/health/v1/health_pb.js";
import { describe, expect, it } from "vitest";
import { cannedClassification } from "./support/fake-backends.js";
import { startGateway, TEST_KEYS } from "./support/gateway-harness.js";

const document = { sources: [{ source: { case: "url" as const, value: "https://example.com/w2.png" } }] };

describe("graceful shutdown", () => {
  it("turns health NOT_SERVING, finishes in-flight calls, then closes", async () => {
    const gw = await startGateway({ SHUTDOWN_GRACE_MS: "5000" });
    const transport = createGrpcTransport({ baseUrl: gw.baseUrl });
    const watch = createClient(Health, transport).watch({ service: "" })[Symbol.asyncIterator]();
    expect((await watch.next()).value?.status).toBe(ServingStatus.SERVING);

    gw.classify.behave({ kind: "reply", response: cannedClassification, delayMs: 400 });
    const inFlight = createClient(ClassifyService, transport).classifyDocument({ document }, { headers: { "x-api-key": TEST_KEYS.alice } });
    // Let the call reach the backend before shutdown starts.
    while (gw.classify.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));

    const closed = gw.close();
    expect((await watch.next()).value?.status).toBe(ServingStatus.NOT_SERVING);
    expect((await watch.next()).done).toBe(true);
    expect((await inFlight).documentType).toBe(DocumentType.W2);
    await closed;
  });

  it("cuts calls still running when the grace period ends", async () => {
    const gw = await startGateway({ SHUTDOWN_GRACE_MS: "300" });
    gw.classify.behave({ kind: "hang" });
    const call = createClient(ClassifyService, createGrpcTransport({ baseUrl: gw.baseUrl }))
      .classifyDocument({ document }, { headers: { "x-api-key": TEST_KEYS.alice } })
      .then(
        () => "answered",
        () => "failed",
      );
    while (gw.classify.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await gw.close();
    expect(await call).toBe("failed");
    await gw.classify.calls[0]?.cancelled;
  });
});
