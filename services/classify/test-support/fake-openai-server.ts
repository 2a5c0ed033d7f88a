import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the fake server received. */
export interface RecordedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  headers: IncomingMessage["headers"];
  /** The parsed JSON body, or undefined for an empty or non-JSON body. */
  body: any;
  /** Set when the client went away before a response was written (abort, deadline). */
  disconnected: boolean;
}

/** What the handler answers: a JSON response, or a hang that only the client can end. */
export type FakeReply = { status?: number; json?: unknown } | { hang: true };

export type FakeHandler = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAiServer {
  /** The base URL including "/v1", for the SDK's baseURL. */
  url: string;
  requests: RecordedRequest[];
  setHandler(handler: FakeHandler): void;
  /** Resolves when some request's client has disconnected without a response. */
  waitForDisconnect(): Promise<RecordedRequest>;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/**
 * A minimal OpenAI-compatible HTTP server on 127.0.0.1:0 for tests and the fake-VLM benchmark:
 * records every request and answers through a settable handler. The default handler lists one
 * model and answers chat completions with 404.
 */
export async function startFakeOpenAiServer(options: { models?: string[] } = {}): Promise<FakeOpenAiServer> {
  const requests: RecordedRequest[] = [];
  const disconnectWaiters: Array<(request: RecordedRequest) => void> = [];
  const models = options.models ?? ["fake-model"];
  let handler: FakeHandler = (request) =>
    request.path.endsWith("/models")
      ? { json: { object: "list", data: models.map((id) => ({ id, object: "model", created: 0, owned_by: "fake" })) } }
      : { status: 404, json: { error: { message: "no handler", type: "not_found" } } };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const text = await readBody(request);
      let body: unknown;
      try {
        body = text === "" ? undefined : JSON.parse(text);
      } catch {
        body = undefined;
      }
      const recorded: RecordedRequest = {
        method: request.method ?? "",
        path: (request.url ?? "").split("?")[0] ?? "",
        headers: request.headers,
        body,
        disconnected: false,
      };
      requests.push(recorded);
      response.on("close", () => {
        if (response.writableFinished) return;
        recorded.disconnected = true;
        for (const resolve of disconnectWaiters.splice(0)) resolve(recorded);
      });
      const reply = await handler(recorded);
      if ("hang" in reply) return;
      response.writeHead(reply.status ?? 200, { "content-type": "application/json" });
      response.end(JSON.stringify(reply.json ?? {}));
    })().catch((error: unknown) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    setHandler(next) {
      handler = next;
    },
    waitForDisconnect() {
      const already = requests.find((request) => request.disconnected);
      if (already) return Promise.resolve(already);
      return new Promise((resolve) => disconnectWaiters.push(resolve));
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A chat completion body in the OpenAI shape, with optional first-position log-probabilities. */
export function chatCompletionJson(content: string, firstTokenLogprobs?: Array<{ token: string; logprob: number }>): unknown {
  const sorted = firstTokenLogprobs ? [...firstTokenLogprobs].sort((a, b) => b.logprob - a.logprob) : undefined;
  const first = sorted?.[0];
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: 0,
    model: "fake-model",
    choices: [
      {
        index: 0,
        finish_reason: "stop",
        message: { role: "assistant", content },
        logprobs: first
          ? { content: [{ token: first.token, logprob: first.logprob, bytes: null, top_logprobs: sorted!.map((entry) => ({ ...entry, bytes: null })) }] }
          : null,
      },
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}
