import { Writable } from "node:stream";
import { Code, ConnectError } from "@connectrpc/connect";
import { createDeadlineSignal, createLogger, type EngineMetrics } from "@docproc/common";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenAiServer, type FakeOpenAiServer, type FakeResponseSpec } from "../../../extract/test-support/fake-openai-server.js";
import { classifierAnswer } from "../../test-support/classifier-answer.js";
import { makePagePng, pageHandleFromPng } from "../../test-support/page-fixtures.js";
import { createQwenClassifyEngine, type QwenClassifyEngineOptions } from "./qwen-classify-engine.js";

const MODEL = "Qwen/Qwen2.5-VL-7B-Instruct";
let server: FakeOpenAiServer;
let png: Buffer;

beforeAll(async () => {
  server = await startFakeOpenAiServer({ models: [MODEL] });
  png = await makePagePng(400, 500);
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

/** An EngineMetrics that remembers every call. */
function recordingMetrics() {
  const requests: Array<{ model: string; outcome: string; seconds: number }> = [];
  const retries: string[] = [];
  const metrics: EngineMetrics = {
    observeModelRequest: (model, outcome, seconds) => void requests.push({ model, outcome, seconds }),
    countModelRetry: (model) => void retries.push(model),
    observeOcrSeconds: () => undefined,
  };
  return { metrics, requests, retries };
}

/** A logger whose JSON lines are kept, and an optional hook run on each. */
function recordingLogger(onLine?: (line: { msg: string; delayMs?: number }) => void) {
  const lines: Array<{ msg: string; delayMs?: number }> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const line = JSON.parse(chunk.toString("utf8")) as { msg: string; delayMs?: number };
      lines.push(line);
      onLine?.(line);
      done();
    },
  });
  return { logger: createLogger({ service: "classify-test", level: "warn", destination }), lines };
}

function engine(extra: Partial<QwenClassifyEngineOptions> = {}) {
  return createQwenClassifyEngine({ baseUrl: server.url, model: MODEL, timeoutMs: 10_000, temperature: 1, maxPixels: 250_000, ...extra });
}

/** Answers the chat completions in turn with `specs`, repeating the last one. */
function answerInTurn(...specs: FakeResponseSpec[]): void {
  let next = 0;
  server.setHandler(() => specs[Math.min(next++, specs.length - 1)]!);
}

const page = () => pageHandleFromPng(0, png, { width: 400, height: 500 });
const ok = classifierAnswer("wage", [{ token: "wage", logprob: Math.log(0.9) }, { token: "other", logprob: Math.log(0.1) }]);
const status = (code: number, headers?: Record<string, string>): FakeResponseSpec => ({ kind: "json", status: code, body: { error: { message: "x" } }, headers });
const chatRequests = () => server.requests.filter((request) => request.path === "/v1/chat/completions");

async function failure(promise: Promise<unknown>): Promise<ConnectError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(ConnectError);
  return error as ConnectError;
}

describe("createQwenClassifyEngine retries", () => {
  it("repeats a page after a 503 and records both requests and the retry", async () => {
    answerInTurn(status(503), ok);
    const recorded = recordingMetrics();
    const verdict = await engine({ metrics: recorded.metrics }).classifyPage(page(), {}, new AbortController().signal);
    expect(verdict.documentType).toBe(DocumentType.W2);
    expect(chatRequests()).toHaveLength(2);
    expect(recorded.requests.map((request) => [request.model, request.outcome])).toEqual([[MODEL, "unavailable"], [MODEL, "ok"]]);
    expect(recorded.requests.every((request) => request.seconds >= 0)).toBe(true);
    expect(recorded.retries).toEqual([MODEL]);
  });

  it("waits for a 429's Retry-After before the second request", async () => {
    answerInTurn(status(429, { "retry-after": "1" }), ok);
    const { logger, lines } = recordingLogger();
    const verdict = await engine({ logger }).classifyPage(page(), {}, new AbortController().signal);
    expect(verdict.documentType).toBe(DocumentType.W2);
    expect(chatRequests()).toHaveLength(2);
    const retry = lines.find((line) => line.msg === "classifier request failed; retrying");
    expect(retry?.delayMs).toBeGreaterThanOrEqual(1_000);
  });

  it("never repeats a 400", async () => {
    answerInTurn(status(400), ok);
    const recorded = recordingMetrics();
    const error = await failure(engine({ metrics: recorded.metrics }).classifyPage(page(), {}, new AbortController().signal));
    expect(error.code).toBe(Code.Internal);
    expect(chatRequests()).toHaveLength(1);
    expect(recorded.retries).toEqual([]);
    expect(recorded.requests.map((request) => request.outcome)).toEqual(["internal"]);
  });

  it("gives up with Unavailable after maxAttempts requests of a persistent 500", async () => {
    answerInTurn(status(500));
    const error = await failure(engine().classifyPage(page(), {}, new AbortController().signal));
    expect(error.code).toBe(Code.Unavailable);
    expect(chatRequests()).toHaveLength(3);
    server.reset();
    expect((await failure(engine({ maxAttempts: 2 }).classifyPage(page(), {}, new AbortController().signal))).code).toBe(Code.Unavailable);
    expect(chatRequests()).toHaveLength(2);
  });

  it("repeats after a dropped connection", async () => {
    answerInTurn({ kind: "destroy" }, ok);
    expect((await engine().classifyPage(page(), {}, new AbortController().signal)).documentType).toBe(DocumentType.W2);
    expect(chatRequests()).toHaveLength(2);
  });

  it("repeats an attempt that timed out while the caller had time, cancelling the first", async () => {
    answerInTurn({ kind: "hang" }, ok);
    const dropped = server.waitForDisconnects(server.disconnects + 1);
    const verdict = await engine({ timeoutMs: 300 }).classifyPage(page(), {}, new AbortController().signal);
    expect(verdict.documentType).toBe(DocumentType.W2);
    await dropped;
    expect(chatRequests().map((request) => request.disconnected)).toEqual([true, false]);
  });

  it("stops waiting and sends nothing more once the caller cancels during the backoff", async () => {
    answerInTurn(status(503, { "retry-after": "30" }), ok);
    const controller = new AbortController();
    const { logger } = recordingLogger((line) => {
      if (line.msg === "classifier request failed; retrying") controller.abort();
    });
    const error = await failure(engine({ logger }).classifyPage(page(), {}, controller.signal));
    expect(error.code).toBe(Code.Canceled);
    expect(chatRequests()).toHaveLength(1);
  });

  it("does not retry when the caller's deadline cannot fit the Retry-After", async () => {
    answerInTurn(status(429, { "retry-after": "20" }), ok);
    const deadline = createDeadlineSignal(new Date(Date.now() + 10_000));
    try {
      const error = await failure(engine().classifyPage(page(), {}, deadline.signal));
      expect(error.code).toBe(Code.ResourceExhausted);
      expect(chatRequests()).toHaveLength(1);
    } finally {
      deadline.dispose();
    }
  });

  it("refuses a maxAttempts below 1", () => {
    expect(() => engine({ maxAttempts: 0 })).toThrow(RangeError);
  });
});
