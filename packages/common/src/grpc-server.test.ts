import { PassThrough } from "node:stream";
import { fromBinary, toBinary, create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { type Client, Metadata } from "@grpc/grpc-js";
import {
  ClassifyService,
  type ClassifyDocumentRequest,
  type ClassifyDocumentResponse,
} from "@docproc/gen/docproc/v1/classify_service_pb.js";
import {
  Health,
  HealthCheckRequestSchema,
  HealthCheckResponse_ServingStatus as ServingStatus,
  HealthCheckResponseSchema,
  type HealthCheckResponse,
} from "@docproc/gen/grpc/health/v1/health_pb.js";
import { afterEach, describe, expect, it } from "vitest";
import { createTestClient, failure, healthStatus, reflectedServiceNames, whenAborted } from "../test-support/grpc-test-client.js";
import type { CallContext } from "./call-context.js";
import { callGrpcUnary } from "./call-grpc-unary.js";
import { createGrpcServer, type GrpcServer } from "./grpc-server.js";
import { createLogger } from "./logger.js";

type Handler = (request: ClassifyDocumentRequest, ctx: CallContext) => Promise<Partial<ClassifyDocumentResponse>>;

interface Harness {
  server: GrpcServer;
  client: Client;
  logLines: () => Array<Record<string, unknown>>;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

async function start(handler: Handler): Promise<Harness> {
  const destination = new PassThrough();
  let logText = "";
  destination.on("data", (chunk: Buffer) => (logText += chunk.toString()));
  const logger = createLogger({ service: "test", level: "info", destination });
  const server = createGrpcServer({
    logger,
    services: [{ service: ClassifyService, handlers: { classifyDocument: handler } }],
    maxReceiveMessageBytes: 1024 * 1024,
  });
  const port = await server.listen("127.0.0.1", 0);
  const client = createTestClient(port);
  cleanups.push(() => {
    client.close();
    server.server.forceShutdown();
  });
  return {
    server,
    client,
    logLines: () => logText.split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

const classify = (h: Harness, prompt: string, options: Parameters<typeof callGrpcUnary>[3] = {}) =>
  callGrpcUnary(h.client, ClassifyService.method.classifyDocument, { prompt }, options);

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("createGrpcServer unary calls", () => {
  it("echoes the client's request id and generates one when absent", async () => {
    const h = await start(async (_req, ctx) => ({ reasoning: ctx.requestId }));
    const metadata = new Metadata();
    metadata.set("x-request-id", "req-123");
    const given = await classify(h, "", { metadata });
    expect(given.response.reasoning).toBe("req-123");
    expect(given.header.get("x-request-id")).toEqual(["req-123"]);

    const generated = await classify(h, "");
    expect(generated.response.reasoning).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.header.get("x-request-id")).toEqual([generated.response.reasoning]);

    const line = h.logLines().find((l) => l.msg === "rpc" && l.requestId === "req-123");
    expect(line).toMatchObject({ rpc: "docproc.v1.ClassifyService/ClassifyDocument", code: "OK" });
    expect(typeof line?.durationMs).toBe("number");
  });

  it("aborts the signal with DeadlineExceeded when the deadline passes", async () => {
    const seen = deferred<unknown>();
    const h = await start(async (_req, ctx) => {
      expect(ctx.deadline).toBeInstanceOf(Date);
      expect(ctx.timeoutMs()).toBeGreaterThanOrEqual(0);
      const reason = await whenAborted(ctx.signal);
      seen.resolve(reason);
      throw reason;
    });
    const error = await failure(classify(h, "", { deadline: new Date(Date.now() + 200) }));
    expect(error.code).toBe(Code.DeadlineExceeded);
    const reason = await seen.promise;
    expect(reason).toBeInstanceOf(ConnectError);
    expect((reason as ConnectError).code).toBe(Code.DeadlineExceeded);
  });

  it("aborts the signal with Canceled when the client cancels", async () => {
    const seen = deferred<unknown>();
    const entered = deferred();
    const h = await start(async (_req, ctx) => {
      expect(ctx.deadline).toBeUndefined();
      expect(ctx.timeoutMs()).toBeUndefined();
      entered.resolve();
      const reason = await whenAborted(ctx.signal);
      seen.resolve(reason);
      throw reason;
    });
    const controller = new AbortController();
    const call = classify(h, "", { signal: controller.signal });
    await entered.promise;
    controller.abort();
    expect((await failure(call)).code).toBe(Code.Canceled);
    expect((await seen.promise as ConnectError).code).toBe(Code.Canceled);
  });

  it("maps a ConnectError to the same status code and raw message, with the request id", async () => {
    const h = await start(async () => {
      throw new ConnectError("document.sources must not be empty", Code.InvalidArgument);
    });
    const error = await failure(classify(h, ""));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toBe("document.sources must not be empty");
    expect(error.metadata.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers INTERNAL without detail for other errors, and logs them", async () => {
    const h = await start(async () => {
      throw new Error("secret detail /var/lib/model");
    });
    const error = await failure(classify(h, ""));
    expect(error.code).toBe(Code.Internal);
    expect(error.rawMessage).toBe("internal error");
    const logged = h.logLines().find((l) => l.msg === "handler failed");
    expect(JSON.stringify(logged)).toContain("secret detail");
    expect(h.logLines().find((l) => l.msg === "rpc")).toMatchObject({ code: "INTERNAL", level: 50 });
  });
});

/** Opens a Watch stream and collects its statuses. */
function healthWatch(h: Harness, service = "") {
  const statuses: ServingStatus[] = [];
  const listeners: Array<() => void> = [];
  const stream = h.client.makeServerStreamRequest(
    `/${Health.typeName}/Watch`,
    (m: ReturnType<typeof create<typeof HealthCheckRequestSchema>>) => Buffer.from(toBinary(HealthCheckRequestSchema, m)),
    (b: Buffer) => fromBinary(HealthCheckResponseSchema, b),
    create(HealthCheckRequestSchema, { service }),
  );
  stream.on("data", (m: HealthCheckResponse) => {
    statuses.push(m.status);
    listeners.forEach((l) => l());
  });
  stream.on("error", () => undefined);
  return {
    statuses,
    until: (status: ServingStatus) =>
      new Promise<void>((resolve) => {
        const check = () => statuses.includes(status) && resolve();
        listeners.push(check);
        check();
      }),
  };
}

describe("createGrpcServer health, reflection and shutdown", () => {
  it("serves health for the server and each service", async () => {
    const h = await start(async () => ({}));
    expect(await healthStatus(h.client)).toBe(ServingStatus.SERVING);
    expect(await healthStatus(h.client, ClassifyService.typeName)).toBe(ServingStatus.SERVING);
    h.server.setServing(false);
    expect(await healthStatus(h.client, ClassifyService.typeName)).toBe(ServingStatus.NOT_SERVING);
    expect((await failure(healthStatus(h.client, "nope"))).code).toBe(Code.NotFound);
  });

  it("lists the services over reflection", async () => {
    const h = await start(async () => ({}));
    const names = await reflectedServiceNames(h.client);
    expect(names).toEqual([
      "docproc.v1.ClassifyService",
      "grpc.health.v1.Health",
      "grpc.reflection.v1.ServerReflection",
      "grpc.reflection.v1alpha.ServerReflection",
    ]);
  });

  it("turns health NOT_SERVING and lets an in-flight call finish during shutdown", async () => {
    const entered = deferred();
    const release = deferred();
    let aborted = false;
    const h = await start(async (_req, ctx) => {
      entered.resolve();
      await release.promise;
      aborted = ctx.signal.aborted;
      return { reasoning: "done" };
    });
    const watch = healthWatch(h);
    await watch.until(ServingStatus.SERVING);
    const call = classify(h, "");
    await entered.promise;

    const stopped = h.server.shutdown(30_000);
    await watch.until(ServingStatus.NOT_SERVING);
    expect(h.server.serving).toBe(false);
    h.server.setServing(true);
    expect(h.server.serving).toBe(false);

    release.resolve();
    expect((await call).response.reasoning).toBe("done");
    expect(aborted).toBe(false);
    // The open watch stream is cut once no unary call is left, well before the grace period.
    await stopped;
  });

  it("cancels calls still running when the grace period ends", async () => {
    const seen = deferred<unknown>();
    const entered = deferred();
    const h = await start(async (_req, ctx) => {
      entered.resolve();
      const reason = await whenAborted(ctx.signal);
      seen.resolve(reason);
      throw reason;
    });
    const call = classify(h, "");
    await entered.promise;
    await h.server.shutdown(50);
    expect((await seen.promise as ConnectError).code).toBe(Code.Canceled);
    await failure(call);
  });
});
