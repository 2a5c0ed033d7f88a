import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectFailure as failure } from "../test-fixtures/connect-failure.js";
import { startTestServer, type TestServer } from "../test-fixtures/start-test-server.js";
import { createSafeFetcher, type SafeFetcherOptions } from "./create-safe-fetcher.js";


let server: TestServer;

beforeAll(async () => {
  server = await startTestServer((req, res, url) => {
    const path = url.pathname;
    if (path === "/ok") return void res.end("hello");
    const hop = /^\/redirect\/(\d+)$/.exec(path);
    if (hop) {
      const n = Number(hop[1]);
      res.writeHead(302, { location: n === 0 ? "/ok" : `/redirect/${n - 1}` });
      return void res.end();
    }
    if (path === "/redirect-to") {
      res.writeHead(307, { location: url.searchParams.get("loc") ?? "/" });
      return void res.end();
    }
    if (path === "/no-location") return void res.writeHead(302).end();
    if (path === "/big") return void res.end(Buffer.alloc(2000, 1));
    if (path === "/chunked-big") {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      let sent = 0;
      const timer = setInterval(() => {
        res.write(Buffer.alloc(600, 2));
        if (++sent === 4) {
          clearInterval(timer);
          res.end();
        }
      }, 5);
      req.on("close", () => clearInterval(timer));
      return;
    }
    if (path === "/slow") return void setTimeout(() => res.end("late"), 3000).unref();
    if (path === "/stalled-body") {
      res.writeHead(200, { "content-length": "100" });
      return void res.write("partial");
    }
    const status = /^\/status\/(\d+)$/.exec(path);
    if (status) return void res.writeHead(Number(status[1])).end("status page");
    res.writeHead(404).end();
  });
});

afterAll(async () => {
  await server.close();
});

const local: SafeFetcherOptions = { timeoutMs: 2000, maxBytes: 1000, allowPrivateNetworks: true, allowHttp: true };

describe("createSafeFetcher against a local server", () => {
  it("fetches a body", async () => {
    const body = await createSafeFetcher(local).fetch(`${server.origin}/ok`);
    expect(body.toString()).toBe("hello");
  });

  it("follows up to 3 redirects and refuses a 4th", async () => {
    const fetcher = createSafeFetcher(local);
    expect((await fetcher.fetch(`${server.origin}/redirect/2`)).toString()).toBe("hello"); // 3 hops
    const error = await failure(fetcher.fetch(`${server.origin}/redirect/3`)); // 4 hops
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toBe("fetch refused: more than 3 redirects");
    expect((await createSafeFetcher({ ...local, maxRedirects: 4 }).fetch(`${server.origin}/redirect/3`)).toString()).toBe("hello");
    expect((await failure(fetcher.fetch(`${server.origin}/no-location`))).code).toBe(Code.FailedPrecondition);
  });

  it("enforces the byte cap from Content-Length and while streaming", async () => {
    const fetcher = createSafeFetcher(local);
    const declared = await failure(fetcher.fetch(`${server.origin}/big`));
    expect(declared.code).toBe(Code.ResourceExhausted);
    expect(declared.rawMessage).toBe("fetch: response of 2000 bytes exceeds the limit of 1000 bytes");
    const streamed = await failure(fetcher.fetch(`${server.origin}/chunked-big`));
    expect(streamed.code).toBe(Code.ResourceExhausted);
    expect((await createSafeFetcher({ ...local, maxBytes: 2400 }).fetch(`${server.origin}/chunked-big`)).length).toBe(2400);
  });

  it("times out with DeadlineExceeded and honours the caller's signal with Canceled", async () => {
    const started = Date.now();
    const timedOut = await failure(createSafeFetcher({ ...local, timeoutMs: 150 }).fetch(`${server.origin}/slow?X-Amz-Signature=secret`));
    expect(timedOut.code).toBe(Code.DeadlineExceeded);
    expect(timedOut.rawMessage).toBe("fetch timed out after 150 ms");
    expect(Date.now() - started).toBeLessThan(2000);

    const stalled = await failure(createSafeFetcher({ ...local, timeoutMs: 150 }).fetch(`${server.origin}/stalled-body`));
    expect(stalled.code).toBe(Code.DeadlineExceeded);

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const canceled = await failure(createSafeFetcher(local).fetch(`${server.origin}/slow`, controller.signal));
    expect(canceled.code).toBe(Code.Canceled);
  });

  it("maps 4xx to FailedPrecondition and 5xx / refused connections to Unavailable", async () => {
    const fetcher = createSafeFetcher(local);
    for (const [status, code] of [[404, Code.FailedPrecondition], [403, Code.FailedPrecondition], [500, Code.Unavailable], [503, Code.Unavailable]] as const) {
      const error = await failure(fetcher.fetch(`${server.origin}/status/${status}?X-Amz-Signature=secret`));
      expect(error.code).toBe(code);
      expect(error.rawMessage).toBe(`fetch failed: HTTP ${status}`);
    }
    const closed = await startTestServer(() => undefined);
    await closed.close();
    const refused = await failure(fetcher.fetch(`${closed.origin}/ok`));
    expect(refused.code).toBe(Code.Unavailable);
  });
});
