import { Code, ConnectError } from "@connectrpc/connect";
import { ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { HealthCheckResponse_ServingStatus as ServingStatus } from "@docproc/gen/grpc/health/v1/health_pb.js";
import { afterEach, describe, expect, it } from "vitest";
import { createTestClient, failure, healthStatus } from "../test-support/grpc-test-client.js";
import type { CallContext } from "./call-context.js";
import { callGrpcUnary } from "./call-grpc-unary.js";
import { createGrpcServer } from "./grpc-server.js";
import { createLogger } from "./logger.js";
import { createMetrics } from "./metrics.js";
import { remainingMs } from "./signal-deadline.js";

const logger = createLogger({ service: "test", level: "silent" });
const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

async function start(handler: (ctx: CallContext) => Promise<object>, maxInflightRequests?: number) {
  const metrics = createMetrics("classify");
  const server = createGrpcServer({
    logger,
    services: [{ service: ClassifyService, handlers: { classifyDocument: (_request, ctx) => handler(ctx) } }],
    maxReceiveMessageBytes: 1024 * 1024,
    maxInflightRequests,
    metrics,
  });
  const client = createTestClient(await server.listen("127.0.0.1", 0));
  cleanups.push(() => {
    client.close();
    server.server.forceShutdown();
  });
  const call = (deadline?: Date) => callGrpcUnary(client, ClassifyService.method.classifyDocument, {}, deadline ? { deadline } : {});
  return { server, client, metrics, call };
}

describe("createGrpcServer back-pressure and metrics", () => {
  it("answers RESOURCE_EXHAUSTED at once past maxInflightRequests, and serves again when calls finish", async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let entered = 0;
    const h = await start(async () => {
      entered += 1;
      await gate;
      return { reasoning: "done" };
    }, 2);
    const held = [h.call(), h.call()];
    while (entered < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(h.server.inFlight).toBe(2);

    const busy = await failure(h.call());
    expect(busy.code).toBe(Code.ResourceExhausted);
    expect(busy.rawMessage).toBe("server busy: 2 requests in flight");
    expect(busy.metadata.get("x-request-id")).toBeTruthy();
    // Health is not subject to the limit.
    expect(await healthStatus(h.client)).toBe(ServingStatus.SERVING);

    open();
    await Promise.all(held);
    expect((await h.call()).response.reasoning).toBe("done");
    expect(entered).toBe(3);

    const text = await h.metrics.render();
    expect(text).toContain('docproc_rpc_requests_total{service="classify",method="ClassifyDocument",code="OK"} 3');
    expect(text).toContain('docproc_rpc_requests_total{service="classify",method="ClassifyDocument",code="RESOURCE_EXHAUSTED"} 1');
    expect(text).toContain('docproc_rpc_rejected_total{service="classify",reason="requests"} 1');
    expect(text).toContain('docproc_rpc_duration_seconds_count{service="classify",method="ClassifyDocument"} 4');
    expect(text).toContain('docproc_rpc_inflight{service="classify"} 0');
  });

  it("counts failures by their status code", async () => {
    const h = await start(async () => {
      throw new ConnectError("document is required", Code.InvalidArgument);
    });
    await failure(h.call());
    expect(await h.metrics.render()).toContain('code="INVALID_ARGUMENT"} 1');
  });

  it("hands the call's deadline to code that only sees the signal", async () => {
    let seen: number | undefined;
    const h = await start(async (ctx) => {
      seen = remainingMs(ctx.signal);
      return {};
    });
    await h.call(new Date(Date.now() + 30_000));
    expect(seen).toBeGreaterThan(20_000);
    expect(seen).toBeLessThanOrEqual(30_000);
  });
});
