import { Code, ConnectError } from "@connectrpc/connect";
import { ConfidenceSource } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../../../extract/test-support/fake-openai-server.js";
import { classifierAnswer } from "../../test-support/classifier-answer.js";
import { makePagePng, pageHandleFromPng } from "../../test-support/page-fixtures.js";
import { CLASS_LABELS } from "./class-labels.js";
import { createQwenClassifyEngine } from "./qwen-classify-engine.js";

let server: FakeOpenAiServer;
let png: Buffer;
const MODEL = "Qwen/Qwen2.5-VL-7B-Instruct";

beforeAll(async () => {
  server = await startFakeOpenAiServer({ models: [MODEL] });
  png = await makePagePng(850, 1100);
});
afterAll(async () => {
  await server.close();
});

function engine(temperature = 1, maxAttempts?: number) {
  return createQwenClassifyEngine({ baseUrl: server.url, model: MODEL, apiKey: "secret-key", timeoutMs: 30_000, temperature, maxPixels: 1_003_520, maxAttempts });
}

/** The JSON body of a recorded chat completion request (loosely typed: the test reads what the engine sent). */
const sentBody = (index: number): any => server.requests[index]!.body;

const page = () => pageHandleFromPng(0, png, { width: 850, height: 1100 });
const signal = () => new AbortController().signal;
const log = Math.log;

async function codeOf(promise: Promise<unknown>): Promise<Code> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ConnectError);
  return (error as ConnectError).code;
}

describe("createQwenClassifyEngine", () => {
  it("sends one user message, image first, greedy, constrained to the labels, with logprobs", async () => {
    server.setHandler(() => classifierAnswer("wage", [{ token: "wage", logprob: log(0.9) }, { token: "other", logprob: log(0.1) }]));
    const before = server.requests.length;
    await engine().classifyPage(page(), {}, signal());
    const request = server.requests[before]!;
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.headers.authorization).toBe("Bearer secret-key");
    const body = sentBody(before);
    expect(body.model).toBe(MODEL);
    expect(body.temperature).toBe(0);
    expect(body.logprobs).toBe(true);
    expect(body.top_logprobs).toBe(20);
    expect(body.max_completion_tokens).toBeLessThanOrEqual(16);
    expect(body.structured_outputs).toEqual({ choice: [...CLASS_LABELS] });
    expect(Object.keys(body).filter((key) => key.startsWith("guided"))).toEqual([]);
    expect(body.messages).toHaveLength(1);
    const [image, text] = body.messages[0].content;
    expect(image.type).toBe("image_url");
    expect(image.image_url.url).toMatch(/^data:image\/png;base64,iVBOR/);
    expect(text.type).toBe("text");
    expect(text.text).toContain("wage: Form W-2");
  });

  it("appends the label list to a custom prompt", async () => {
    server.setHandler(() => classifierAnswer("check"));
    const before = server.requests.length;
    await engine().classifyPage(page(), { prompt: "What kind of paper is this?" }, signal());
    const text: string = sentBody(before).messages[0].content[1].text;
    expect(text.startsWith("What kind of paper is this?")).toBe(true);
    expect(text).toContain("nonemployee: Form 1099-NEC");
    expect(sentBody(before).structured_outputs.choice).toEqual([...CLASS_LABELS]);
  });

  it("turns the first token's logprobs into a distribution that sums to 1", async () => {
    server.setHandler(() =>
      classifierAnswer("wage", [
        { token: "wage", logprob: log(0.65) },
        { token: "w", logprob: log(0.05) },
        { token: "interest", logprob: log(0.2) },
        { token: "other", logprob: log(0.1) },
      ]),
    );
    const verdict = await engine().classifyPage(page(), {}, signal());
    expect(verdict.documentType).toBe(DocumentType.W2);
    expect(verdict.confidenceSource).toBe(ConfidenceSource.MODEL_PROBABILITIES);
    const scores = verdict.scores!;
    expect(scores.size).toBe(13);
    expect([...scores.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(scores.get(DocumentType.W2)).toBeCloseTo(0.7, 4);
    expect(scores.get(DocumentType.FORM_1099_INT)).toBeCloseTo(0.2, 4);
    expect(scores.get(DocumentType.OTHER)).toBeCloseTo(0.1, 4);
    expect(scores.get(DocumentType.CHECK)).toBeLessThan(1e-5);
  });

  it("applies the calibration temperature to the class logits", async () => {
    server.setHandler(() => classifierAnswer("wage", [{ token: "wage", logprob: log(0.8) }, { token: "bank", logprob: log(0.2) }]));
    const verdict = await engine(2).classifyPage(page(), {}, signal());
    const expected = Math.sqrt(0.8) / (Math.sqrt(0.8) + Math.sqrt(0.2));
    expect(verdict.scores!.get(DocumentType.W2)).toBeCloseTo(expected, 4);
  });

  it("parses a JSON answer in a code block with chatter when there are no logprobs", async () => {
    server.setHandler(() => classifierAnswer('Sure! Here is the result:\n```json\n{"type": "1099-INT", "confidence": 0.95}\n```\nHope this helps.'));
    const verdict = await engine().classifyPage(page(), {}, signal());
    expect(verdict.documentType).toBe(DocumentType.FORM_1099_INT);
    expect(verdict.scores).toBeUndefined();
    expect(verdict.confidenceSource).toBe(ConfidenceSource.NONE);
    expect(verdict.reasoning).toContain("confidence unavailable");
  });

  it("accepts a plain label without logprobs", async () => {
    server.setHandler(() => classifierAnswer("bank"));
    const verdict = await engine().classifyPage(page(), {}, signal());
    expect(verdict.documentType).toBe(DocumentType.BANK_STATEMENT);
    expect(verdict.confidenceSource).toBe(ConfidenceSource.NONE);
    expect(verdict.scores).toBeUndefined();
  });

  it("fails with Internal on an unrecognised label, never falling back to other", async () => {
    server.setHandler(() => classifierAnswer("a tax thing"));
    const error = await engine()
      .classifyPage(page(), {}, signal())
      .catch((reason: unknown) => reason as ConnectError);
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe(Code.Internal);
    expect((error as ConnectError).rawMessage).toBe("classifier returned an unrecognised label");
  });

  it("maps 5xx to Unavailable, 429 to ResourceExhausted, 400 to Internal", async () => {
    server.setHandler(() => ({ kind: "json", status: 503, body: { error: { message: "overloaded" } } }));
    expect(await codeOf(engine(1, 1).classifyPage(page(), {}, signal()))).toBe(Code.Unavailable);
    server.setHandler(() => ({ kind: "json", status: 429, body: { error: { message: "slow down" } } }));
    expect(await codeOf(engine(1, 1).classifyPage(page(), {}, signal()))).toBe(Code.ResourceExhausted);
    server.setHandler(() => ({ kind: "json", status: 400, body: { error: { message: "bad", type: "BadRequestError" } } }));
    const error = await engine(1, 1).classifyPage(page(), {}, signal()).catch((reason: unknown) => reason as ConnectError);
    expect((error as ConnectError).code).toBe(Code.Internal);
    expect((error as ConnectError).message).not.toContain("127.0.0.1");
    expect((error as ConnectError).message).not.toContain("secret-key");
  });

  it("maps an unreachable server to Unavailable", async () => {
    const dead = createQwenClassifyEngine({ baseUrl: "http://127.0.0.1:1/v1", model: MODEL, timeoutMs: 5_000, temperature: 1, maxPixels: 1_003_520 });
    expect(await codeOf(dead.classifyPage(page(), {}, signal()))).toBe(Code.Unavailable);
    expect(await dead.ready()).toBe(false);
  });

  it("rethrows the deadline from the signal, drops the connection to the server and does not retry", async () => {
    const controller = new AbortController();
    server.setHandler(() => {
      controller.abort(new ConnectError("deadline exceeded", Code.DeadlineExceeded));
      return { kind: "hang" };
    });
    const before = server.requests.length;
    const disconnected = server.waitForDisconnects(server.disconnects + 1);
    expect(await codeOf(engine().classifyPage(page(), {}, controller.signal))).toBe(Code.DeadlineExceeded);
    await disconnected;
    expect(server.requests.slice(before).map((request) => request.disconnected)).toEqual([true]);
  });

  it("is ready only when the server lists the model", async () => {
    expect(await engine().ready()).toBe(true);
    const other = createQwenClassifyEngine({ baseUrl: server.url, model: "other-model", timeoutMs: 5_000, temperature: 1, maxPixels: 1_003_520 });
    expect(await other.ready()).toBe(false);
  });

  it("rejects a non-positive temperature at construction", () => {
    expect(() => createQwenClassifyEngine({ baseUrl: server.url, model: MODEL, timeoutMs: 1_000, temperature: 0, maxPixels: 1_000_000 })).toThrow(RangeError);
  });
});
