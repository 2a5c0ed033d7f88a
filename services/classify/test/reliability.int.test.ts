import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import {
  ClassifyDocumentRequestSchema,
  ClassifyDocumentResponseSchema,
  ClassifyService,
  type ClassifyDocumentRequest,
  type ClassifyDocumentResponse,
} from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { Metadata, status as GrpcStatus } from "@grpc/grpc-js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pngPage } from "../../extract/test/support/image-fixtures.js";
import { type ClassifyStack, failure, inline, startClassifyStack, W2_VERDICT, whenAborted } from "./support/classify-stack.js";

// Deadlines, cancellation, engine faults, back-pressure, metrics, SSRF and
// shutdown through the real classify server (a fake engine stands in for the
// model so that faults can be injected exactly).

let stack: ClassifyStack;
let page: Buffer;
const SECRET = "s3cret";

async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 5));
}

async function scrape(path = "/metrics"): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${stack.app.metricsPort}${path}`);
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  stack = await startClassifyStack({ env: { CLASSIFY_MAX_INFLIGHT_REQUESTS: "2", FETCH_ALLOW_HTTP: "true" }, metricsServer: true });
  page = await pngPage(120, 80);
});
afterAll(() => stack?.close());
beforeEach(() => {
  stack.setBehaviour(async () => W2_VERDICT);
  stack.seen.length = 0;
});

describe("classify: reliability", () => {
  it("a deadline reaches the engine's signal and the call ends DEADLINE_EXCEEDED", async () => {
    stack.setBehaviour(async (_page, signal) => {
      throw await whenAborted(signal);
    });
    // On a machine too busy to load the page within 300 ms the deadline ends
    // the call before the engine is asked; then a longer deadline is tried.
    for (const deadlineMs of [300, 1_000, 3_000]) {
      stack.seen.length = 0;
      const error = await failure(stack.classify(inline(page), { deadline: new Date(Date.now() + deadlineMs) }));
      expect(error.code).toBe(Code.DeadlineExceeded);
      const reached = stack.seen[0];
      if (!reached) continue;
      expect(((await whenAborted(reached.signal)) as ConnectError).code).toBe(Code.DeadlineExceeded);
      return;
    }
    throw new Error("the engine was never reached");
  });

  it("a client cancel reaches the engine's signal", async () => {
    stack.setBehaviour(async (_page, signal) => {
      throw await whenAborted(signal);
    });
    let settle!: (code: number) => void;
    const outcome = new Promise<number>((resolve) => (settle = resolve));
    const call = stack.client.makeUnaryRequest<ClassifyDocumentRequest, ClassifyDocumentResponse>(
      `/${ClassifyService.typeName}/${ClassifyService.method.classifyDocument.name}`,
      (message) => Buffer.from(toBinary(ClassifyDocumentRequestSchema, message)),
      (bytes) => fromBinary(ClassifyDocumentResponseSchema, bytes),
      create(ClassifyDocumentRequestSchema, inline(page)),
      new Metadata(),
      {},
      (error) => settle(error?.code ?? GrpcStatus.OK),
    );
    await until(() => stack.seen.length > 0);
    call.cancel();
    expect(await outcome).toBe(GrpcStatus.CANCELLED);
    expect(((await whenAborted(stack.seen[0]!.signal)) as ConnectError).code).toBe(Code.Canceled);
  });

  it("an unreachable model answers UNAVAILABLE, and the next call succeeds once it is back", async () => {
    stack.setBehaviour(async () => {
      throw new ConnectError("classifier model unreachable", Code.Unavailable);
    });
    const error = await failure(stack.classify(inline(page)));
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toContain("unreachable");
    stack.setBehaviour(async () => W2_VERDICT);
    expect((await stack.classify(inline(page))).response.documentType).toBe(DocumentType.W2);
  });

  it("one failing page of two still classifies the document, reporting the page's error", async () => {
    stack.setBehaviour(async (handle) => {
      if (handle.index === 1) throw new ConnectError("classifier model failed (HTTP 500)", Code.Unavailable);
      return W2_VERDICT;
    });
    const { response } = await stack.classify({
      document: { sources: [page, page].map((bytes) => ({ source: { case: "content" as const, value: bytes } })) },
      maxPages: 2,
    });
    expect(response.documentType).toBe(DocumentType.W2);
    expect(response.pages.map((p) => p.error)).toEqual(["", "classifier model failed (HTTP 500)"]);
  });

  it("refuses a call past CLASSIFY_MAX_INFLIGHT_REQUESTS at once", async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    stack.setBehaviour(async () => {
      await gate;
      return W2_VERDICT;
    });
    const running = [stack.classify(inline(page)), stack.classify(inline(page))];
    await until(() => stack.seen.length >= 2);
    const busy = await failure(stack.classify(inline(page)));
    expect(busy.code).toBe(Code.ResourceExhausted);
    expect(busy.rawMessage).toBe("server busy: 2 requests in flight");
    open();
    await Promise.all(running);
  });

  it("refuses private addresses without echoing the query string", async () => {
    for (const url of [`http://127.0.0.1:9/w2.png?token=${SECRET}`, `http://169.254.169.254/latest/?token=${SECRET}`, `http://[::1]/x?token=${SECRET}`]) {
      const error = await failure(stack.classify({ document: { sources: [{ source: { case: "url", value: url } }] } }));
      expect(error.code).toBe(Code.InvalidArgument);
      expect(error.rawMessage).not.toContain(SECRET);
      expect(error.rawMessage).not.toContain("?");
    }
  });

  it("exposes calls, rejections and classified documents on /metrics, and /live", async () => {
    expect((await scrape("/live")).status).toBe(200);
    const { text } = await scrape();
    expect(text).toMatch(/docproc_rpc_requests_total\{service="classify",method="ClassifyDocument",code="OK"\} \d+/);
    expect(text).toMatch(/docproc_rpc_requests_total\{service="classify",method="ClassifyDocument",code="DEADLINE_EXCEEDED"\} \d+/);
    expect(text).toContain('docproc_rpc_requests_total{service="classify",method="ClassifyDocument",code="CANCELLED"} 1');
    expect(text).toContain('docproc_rpc_rejected_total{service="classify",reason="requests"} 1');
    expect(text).toMatch(/docproc_documents_classified_total\{engine="cpu",document_type="W2"\} \d+/);
    expect(text).toContain('docproc_pages_processed_total{service="classify",engine="cpu",document_type="W2",status="failed"} 1');
  });

  it("finishes the in-flight call on stop(), refuses new ones, and closes /metrics", async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    stack.setBehaviour(async () => {
      await gate;
      return W2_VERDICT;
    });
    const slow = stack.classify(inline(page));
    await until(() => stack.seen.length > 0);
    const metricsUrl = `http://127.0.0.1:${stack.app.metricsPort}/metrics`;
    const stopped = stack.app.stop();
    expect(stack.app.server.serving).toBe(false);
    expect((await failure(stack.classify(inline(page)))).code).toBe(Code.Unavailable);
    open();
    expect((await slow).response.documentType).toBe(DocumentType.W2);
    await stopped;
    await expect(fetch(metricsUrl)).rejects.toThrow();
  });
});
