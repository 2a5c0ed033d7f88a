import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import {
  ExtractDocumentRequestSchema,
  ExtractDocumentResponseSchema,
  ExtractService,
  PageStatus,
  type ExtractDocumentRequest,
  type ExtractDocumentResponse,
} from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { Metadata, status as GrpcStatus, type ServiceError } from "@grpc/grpc-js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FakeResponseSpec } from "../test-support/fake-openai-server.js";
import { type ExtractStack, failure, inline, modelFrameWidth, startExtractStack, VALID_LAYOUT } from "./support/extract-stack.js";
import { pngPage, pngWidth, requestPng } from "./support/image-fixtures.js";

// Fault injection between the extract service and a fake vLLM: every failure
// mode maps to the right code, partial results come back where a document
// still makes sense, cancellation reaches the model server, and the service
// recovers when the model server does. EXTRACT_VLM_MAX_ATTEMPTS=2 here.

let stack: ExtractStack;
let page: Buffer;

const ok: FakeResponseSpec = { kind: "completion", content: VALID_LAYOUT };
const chatRequests = () => stack.model.requests.filter((r) => r.path.endsWith("/chat/completions"));

beforeAll(async () => {
  stack = await startExtractStack();
  page = await pngPage(120, 80);
  await stack.waitServing();
});
afterAll(() => stack?.close());
beforeEach(() => {
  stack.model.reset();
  stack.model.setHandler(() => ok);
});

describe("extract: model server faults", () => {
  it("a persistent 500 fails the call UNAVAILABLE after the retries", async () => {
    stack.model.setHandler(() => ({ kind: "json", status: 500, body: { error: { message: "CUDA error" } } }));
    const error = await failure(stack.extract(inline(page)));
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toBe("all 1 pages failed; first: [unavailable] dots.ocr: model server error (HTTP 500)");
    expect(chatRequests()).toHaveLength(2);
  });

  it("a dropped connection fails the call UNAVAILABLE", async () => {
    stack.model.setHandler(() => ({ kind: "destroy" }));
    const error = await failure(stack.extract(inline(page)));
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toContain("cannot reach the model server");
    expect(chatRequests()).toHaveLength(2);
  });

  it("a garbage HTTP body fails the call INTERNAL, without retrying", async () => {
    stack.model.setHandler(() => ({ kind: "garbage" }));
    const error = await failure(stack.extract(inline(page)));
    expect(error.code).toBe(Code.Internal);
    expect(error.rawMessage).toContain("malformed response");
    expect(chatRequests()).toHaveLength(1);
  });

  it("unusable model output is asked for once more, then the page fails", async () => {
    stack.model.setHandler(() => ({ kind: "completion", content: "I cannot help with that." }));
    const error = await failure(stack.extract(inline(page)));
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toContain("(after 2 attempts)");
    expect(chatRequests()).toHaveLength(2);
  });

  it("one failing page of three: OK with failed_pages [1]", async () => {
    const odd = await pngPage(600, 300);
    const oddWidth = await modelFrameWidth(stack, odd);
    stack.model.setHandler((body) => {
      const png = requestPng(body);
      return png && pngWidth(png) === oddWidth ? { kind: "json", status: 503, body: { error: { message: "busy" } } } : ok;
    });
    const { response } = await stack.extract({
      document: { sources: [page, odd, page].map((bytes) => ({ source: { case: "content" as const, value: bytes } })) },
    });
    expect(response.failedPages).toEqual([1]);
    expect(response.pages.map((p) => p.status)).toEqual([PageStatus.OK, PageStatus.FAILED, PageStatus.OK]);
    expect(response.pages[1]).toMatchObject({ attempts: 2, error: "[unavailable] dots.ocr: model server error (HTTP 503)" });
    expect(response.needsReview).toBe(true);
  });

  it("a hanging model and a 300 ms deadline: DEADLINE_EXCEEDED, and the model request is closed", async () => {
    stack.model.setHandler(() => ({ kind: "hang" }));
    // On a machine too busy to load the page within 300 ms the deadline ends
    // the call before the model is asked; then a longer deadline is tried.
    for (const deadlineMs of [300, 1_000, 3_000]) {
      stack.model.reset();
      const error = await failure(stack.extract(inline(page), { deadline: new Date(Date.now() + deadlineMs) }));
      expect(error.code).toBe(Code.DeadlineExceeded);
      if (chatRequests().length === 0) continue;
      expect(chatRequests()).toHaveLength(1);
      await expect.poll(() => chatRequests()[0]?.disconnected).toBe(true);
      return;
    }
    throw new Error("the model server was never reached");
  });

  it("a client cancel aborts the model request all the way down", async () => {
    stack.model.setHandler(() => ({ kind: "hang" }));
    const before = stack.model.disconnects;
    const call = rawExtract(create(ExtractDocumentRequestSchema, inline(page)));
    while (chatRequests().length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    call.cancel();
    expect((await call.outcome).code).toBe(GrpcStatus.CANCELLED);
    await stack.model.waitForDisconnects(before + 1);
    expect(chatRequests()[0]?.disconnected).toBe(true);
    // The server side saw the cancel too (counted once the handler unwound).
    await expect.poll(async () => (await stack.metrics.render()).includes('code="CANCELLED"')).toBe(true);
  });

  it("recovers as soon as the model server does", async () => {
    stack.model.setHandler(() => ({ kind: "json", status: 503, body: { error: { message: "loading" } } }));
    expect((await failure(stack.extract(inline(page)))).code).toBe(Code.Unavailable);
    stack.model.setHandler(() => ok);
    const { response } = await stack.extract(inline(page));
    expect(response.pages[0]).toMatchObject({ status: PageStatus.OK, attempts: 1, markdown: "Hello" });
  });
});

/** A raw grpc-js unary call, so the test can call.cancel() it. */
function rawExtract(request: ExtractDocumentRequest) {
  let settle!: (error: ServiceError | { code: number }) => void;
  const outcome = new Promise<ServiceError | { code: number }>((resolve) => (settle = resolve));
  const call = stack.client.makeUnaryRequest<ExtractDocumentRequest, ExtractDocumentResponse>(
    `/${ExtractService.typeName}/${ExtractService.method.extractDocument.name}`,
    (message) => Buffer.from(toBinary(ExtractDocumentRequestSchema, message)),
    (bytes) => fromBinary(ExtractDocumentResponseSchema, bytes),
    request,
    new Metadata(),
    {},
    (error) => settle(error ?? { code: GrpcStatus.OK }),
  );
  return { cancel: () => call.cancel(), outcome };
}
