import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";

/**
 * A scriptable OpenAI-compatible server for tests (node:http on port 0):
 * GET /v1/models and POST /v1/chat/completions. Every request is recorded;
 * a handler decides each chat completion's response. Shared by the extract
 * and classify tests, so it knows nothing about either model.
 */

/** How to answer one chat completion. */
export type FakeResponseSpec =
  /** A normal completion with this message content. */
  | { kind: "completion"; content: string; finishReason?: string; delayMs?: number; usage?: { prompt_tokens: number; completion_tokens: number }; extra?: Record<string, unknown> }
  /** Any JSON body with any status (e.g. an error body), optionally with headers such as Retry-After. */
  | { kind: "json"; status: number; body: unknown; headers?: Record<string, string>; delayMs?: number }
  /** Never answer; the request stays open until the client disconnects (recorded). */
  | { kind: "hang" }
  /** Destroy the socket without an HTTP response. */
  | { kind: "destroy"; delayMs?: number }
  /** A 200 response whose body is not what the client expects. */
  | { kind: "garbage"; body?: string; contentType?: string; delayMs?: number };

export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** The parsed JSON body (undefined for GET or an unparseable body). */
  body: unknown;
  /** True when the client closed the connection before the response was sent. */
  disconnected: boolean;
}

export type FakeHandler = (body: unknown, request: FakeRequest) => FakeResponseSpec | Promise<FakeResponseSpec>;

export interface FakeOpenAiServerOptions {
  /** The ids /v1/models lists; default ["fake-model"]. */
  models?: string[];
  /** Answers chat completions; default: content "ok", finish_reason "stop". */
  handler?: FakeHandler;
}

export interface FakeOpenAiServer {
  /** The base URL, ending in /v1. */
  url: string;
  /** Every request received, in arrival order. */
  requests: FakeRequest[];
  /** Chat completions currently being answered, and the most ever at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  setHandler(handler: FakeHandler): void;
  /** Forgets recorded requests and restarts the in-flight peak (between tests). */
  reset(): void;
  setModels(models: string[]): void;
  /** How many requests so far saw the client disconnect before the response was sent. */
  readonly disconnects: number;
  /** Resolves once `count` requests in total (since start) have seen the client disconnect. */
  waitForDisconnects(count: number): Promise<void>;
  close(): Promise<void>;
}

const defaultHandler: FakeHandler = () => ({ kind: "completion", content: "ok" });

/** Waits `ms`, or less if the client disconnects meanwhile. */
async function sleep(ms: number, disconnected: AbortSignal): Promise<void> {
  if (!ms) return;
  await delay(ms, undefined, { signal: disconnected }).catch(() => undefined);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

function completionBody(spec: Extract<FakeResponseSpec, { kind: "completion" }>, model: unknown): unknown {
  const usage = spec.usage ?? { prompt_tokens: 10, completion_tokens: 5 };
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: 0,
    model: typeof model === "string" ? model : "fake-model",
    choices: [{ index: 0, message: { role: "assistant", content: spec.content }, finish_reason: spec.finishReason ?? "stop", ...spec.extra }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

export async function startFakeOpenAiServer(options: FakeOpenAiServerOptions = {}): Promise<FakeOpenAiServer> {
  let handler = options.handler ?? defaultHandler;
  let models = options.models ?? ["fake-model"];
  const requests: FakeRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let disconnects = 0;
  const waiters: Array<{ count: number; resolve: () => void }> = [];

  const noteDisconnect = (): void => {
    disconnects += 1;
    for (const waiter of waiters.filter((w) => disconnects >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };

  async function answer(req: IncomingMessage, res: ServerResponse, request: FakeRequest, gone: AbortController): Promise<void> {
    if (request.method === "GET" && request.path === "/v1/models") {
      sendJson(res, 200, { object: "list", data: models.map((id) => ({ id, object: "model", created: 0, owned_by: "fake" })) });
      return;
    }
    if (request.method !== "POST" || request.path !== "/v1/chat/completions") {
      sendJson(res, 404, { error: { message: "not found", type: "NotFoundError", code: 404 } });
      return;
    }
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const spec = await handler(request.body, request);
      if (spec.kind === "hang") {
        if (!gone.signal.aborted) await new Promise((resolve) => gone.signal.addEventListener("abort", resolve, { once: true }));
        return;
      }
      await sleep(spec.delayMs ?? 0, gone.signal);
      if (request.disconnected) return;
      if (spec.kind === "completion") sendJson(res, 200, completionBody(spec, (request.body as { model?: unknown })?.model));
      else if (spec.kind === "json") sendJson(res, spec.status, spec.body, spec.headers);
      else if (spec.kind === "destroy") {
        gone.abort(); // our own doing: not a client disconnect
        req.socket.destroy();
      }
      else {
        res.writeHead(200, { "content-type": spec.contentType ?? "application/json" });
        res.end(spec.body ?? "{\"choices\": [tru");
      }
    } finally {
      inFlight -= 1;
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      const request: FakeRequest = { method: req.method ?? "", path: (req.url ?? "").split("?")[0] ?? "", headers: req.headers, body, disconnected: false };
      requests.push(request);
      const gone = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished && !gone.signal.aborted) {
          request.disconnected = true;
          noteDisconnect();
        }
        gone.abort();
      });
      answer(req, res, request, gone).catch(() => req.socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get disconnects() {
      return disconnects;
    },
    setHandler(next) {
      handler = next;
    },
    reset() {
      requests.length = 0;
      maxInFlight = inFlight;
    },
    setModels(next) {
      models = next;
    },
    waitForDisconnects(count) {
      if (disconnects >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
