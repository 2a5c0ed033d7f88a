import { Code, ConnectError } from "@connectrpc/connect";
import { retryAfterMsOf } from "@docproc/common";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { blankPng } from "../../test-support/fake-page-handle.js";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "../../test-support/fake-openai-server.js";
import { createDotsOcrClient, DOTS_OCR_IMAGE_PLACEHOLDER, type DotsOcrClient } from "./dots-ocr-client.js";

const MODEL = "dots-ocr";
const SECRET_KEY = "sk-do-not-leak";
let server: FakeOpenAiServer;
let client: DotsOcrClient;
let png: Buffer;

async function failure(promise: Promise<unknown>): Promise<ConnectError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectError);
  const connect = error as ConnectError;
  expect(connect.message).not.toContain(SECRET_KEY);
  expect(connect.message).not.toContain("127.0.0.1");
  return connect;
}

beforeAll(async () => {
  server = await startFakeOpenAiServer({ models: [MODEL] });
  client = createDotsOcrClient({ baseUrl: server.url, model: MODEL, apiKey: SECRET_KEY, timeoutMs: 2_000, maxCompletionTokens: 4096 });
  png = await blankPng(56, 84);
});
afterAll(async () => {
  await client.close();
  await server.close();
});
beforeEach(() => {
  server.reset();
  server.setHandler(() => ({ kind: "completion", content: "[]" }));
});

describe("dots.ocr client request", () => {
  it("sends the official message layout and sampling", async () => {
    server.setHandler(() => ({ kind: "completion", content: "hello", finishReason: "length", usage: { prompt_tokens: 7, completion_tokens: 3 } }));
    const completion = await client.complete({ png, prompt: "Extract the text content from this image." }, new AbortController().signal);
    expect(completion).toEqual({ content: "hello", finishReason: "length", promptTokens: 7, completionTokens: 3 });

    const [request] = server.requests;
    expect(request?.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    const body = request?.body as Record<string, any>;
    expect(body).toMatchObject({ model: MODEL, temperature: 0.1, top_p: 0.9, max_completion_tokens: 4096 });
    expect(body.stream).toBeUndefined();
    expect(body.messages).toHaveLength(1);
    const [message] = body.messages;
    expect(message.role).toBe("user");
    expect(message.content.map((p: { type: string }) => p.type)).toEqual(["image_url", "text"]);
    expect(message.content[1].text).toBe(`${DOTS_OCR_IMAGE_PLACEHOLDER}Extract the text content from this image.`);
    const url: string = message.content[0].image_url.url;
    expect(url.startsWith("data:image/png;base64,")).toBe(true);
    const sent = Buffer.from(url.slice("data:image/png;base64,".length), "base64");
    expect(sent.equals(png)).toBe(true);
    expect(await sharp(sent).metadata()).toMatchObject({ format: "png", width: 56, height: 84 });
  });

  it("uses EMPTY as the key when none is configured", async () => {
    const keyless = createDotsOcrClient({ baseUrl: server.url, model: MODEL, timeoutMs: 2_000, maxCompletionTokens: 16 });
    await keyless.complete({ png, prompt: "p" }, new AbortController().signal);
    expect(server.requests[0]?.headers.authorization).toBe("Bearer EMPTY");
    await keyless.close();
  });

  it("lists the served models", async () => {
    server.setModels([MODEL, "other"]);
    expect(await client.listModels(new AbortController().signal, 1_000)).toEqual([MODEL, "other"]);
    server.setModels([MODEL]);
  });
});

describe("dots.ocr client errors", () => {
  const call = (signal = new AbortController().signal) => client.complete({ png, prompt: "p" }, signal);

  it("maps 5xx to Unavailable without the server's message", async () => {
    server.setHandler(() => ({ kind: "json", status: 503, body: { error: { message: `overloaded at ${server.url}?token=x` } } }));
    const error = await failure(call());
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toBe("dots.ocr: model server error (HTTP 503)");
    expect(server.requests).toHaveLength(1); // no SDK retries
  });

  it("maps 429 to ResourceExhausted and keeps Retry-After", async () => {
    server.setHandler(() => ({ kind: "json", status: 429, body: { error: { message: "busy" } }, headers: { "retry-after": "7" } }));
    const error = await failure(call());
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(retryAfterMsOf(error)).toBe(7000);
  });

  it("maps a context-length 400 to InvalidArgument and other 400s to Internal", async () => {
    server.setHandler(() => ({ kind: "json", status: 400, body: { error: { message: "This model's maximum context length is 24000 tokens." } } }));
    expect((await failure(call())).code).toBe(Code.InvalidArgument);
    server.setHandler(() => ({ kind: "json", status: 400, body: { error: { message: "bad field" } } }));
    expect((await failure(call())).code).toBe(Code.Internal);
    server.setHandler(() => ({ kind: "json", status: 404, body: { error: { message: "The model `x` does not exist." } } }));
    expect((await failure(call())).rawMessage).toContain('model "dots-ocr" is not served');
  });

  it("maps a destroyed socket to Unavailable and a garbage body to Internal", async () => {
    server.setHandler(() => ({ kind: "destroy" }));
    expect((await failure(call())).code).toBe(Code.Unavailable);
    server.setHandler(() => ({ kind: "garbage" }));
    expect((await failure(call())).code).toBe(Code.Internal);
    server.setHandler(() => ({ kind: "garbage", body: "<html>proxy error</html>", contentType: "text/html" }));
    expect((await failure(call())).rawMessage).toContain("malformed response");
  });

  it("maps its own timeout to Unavailable and closes the request", async () => {
    const quick = createDotsOcrClient({ baseUrl: server.url, model: MODEL, timeoutMs: 150, maxCompletionTokens: 16 });
    server.setHandler(() => ({ kind: "hang" }));
    const error = await failure(quick.complete({ png, prompt: "p" }, new AbortController().signal));
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toBe("dots.ocr: no response within 150 ms");
    await quick.close();
  });

  it("rethrows the caller's abort: Canceled, or DeadlineExceeded for a timeout reason", async () => {
    server.setHandler(() => ({ kind: "hang" }));
    const before = server.disconnects;
    const controller = new AbortController();
    const pending = call(controller.signal);
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect((await failure(pending)).code).toBe(Code.Canceled);
    await server.waitForDisconnects(before + 1);
    expect(server.requests[0]?.disconnected).toBe(true);

    const timed = new AbortController();
    const pendingTimed = call(timed.signal);
    while (server.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    timed.abort(new DOMException("deadline", "TimeoutError"));
    expect((await failure(pendingTimed)).code).toBe(Code.DeadlineExceeded);
  });

  it("reports an unreachable server as Unavailable", async () => {
    const dead = await startFakeOpenAiServer();
    const url = dead.url;
    await dead.close();
    const orphan = createDotsOcrClient({ baseUrl: `${url}?sig=secret`, model: MODEL, apiKey: SECRET_KEY, timeoutMs: 1_000, maxCompletionTokens: 16 });
    const error = await failure(orphan.complete({ png, prompt: "p" }, new AbortController().signal));
    expect(error.code).toBe(Code.Unavailable);
    expect(error.message).not.toContain("secret");
    await orphan.close();
  });
});
