import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ExtractStack, failure, inline, startExtractStack } from "./support/extract-stack.js";
import { pngPage } from "./support/image-fixtures.js";

// Representative SSRF targets driven through ExtractDocument (the ingest
// package unit-tests the address rules one by one). Plain http:// is
// allowed here so that the address rule, not the scheme rule, is what
// refuses the loopback canary below.

const SECRET = "s3cret-token";
let stack: ExtractStack;
let canary: Server;
let canaryHits = 0;
let port = 0;

beforeAll(async () => {
  canary = createServer(async (_req, res) => {
    canaryHits += 1;
    res.writeHead(200, { "content-type": "image/png" }).end(await pngPage(50, 50));
  });
  await new Promise<void>((resolve) => canary.listen(0, "127.0.0.1", resolve));
  port = (canary.address() as AddressInfo).port;
  stack = await startExtractStack({ env: { FETCH_ALLOW_PRIVATE_NETWORKS: "false", FETCH_ALLOW_HTTP: "true", FETCH_TIMEOUT_MS: "3000" } });
});
afterAll(async () => {
  await stack?.close();
  await new Promise<void>((resolve) => canary.close(() => resolve()));
});

const targets = (): Array<[string, string]> => [
  ["loopback", `http://127.0.0.1:${port}/w2.png?token=${SECRET}`],
  ["localhost by name", `http://localhost:${port}/w2.png?token=${SECRET}`],
  ["IPv6 loopback", `http://[::1]:${port}/w2.png?token=${SECRET}`],
  ["IPv4-mapped IPv6 loopback", `http://[::ffff:127.0.0.1]:${port}/w2.png?token=${SECRET}`],
  ["decimal loopback", `http://2130706433:${port}/w2.png?token=${SECRET}`],
  ["hex loopback", `http://0x7f.0.0.1:${port}/w2.png?token=${SECRET}`],
  ["unspecified address", `http://0.0.0.0:${port}/w2.png?token=${SECRET}`],
  ["cloud metadata", `http://169.254.169.254/latest/meta-data/iam/security-credentials/?token=${SECRET}`],
  ["RFC 1918 10/8", `http://10.0.0.1/w2.png?sig=${SECRET}`],
  ["RFC 1918 192.168/16", `https://192.168.1.10/w2.png?sig=${SECRET}`],
  ["carrier-grade NAT", `http://100.64.0.1/w2.png?sig=${SECRET}`],
  ["IPv6 unique local", `https://[fd00::1]/w2.png?sig=${SECRET}`],
  ["credentials in the URL", `http://user:${SECRET}@127.0.0.1:${port}/w2.png`],
  ["file: scheme", `file:///etc/passwd?x=${SECRET}`],
  ["ftp: scheme", `ftp://127.0.0.1:${port}/w2.png?x=${SECRET}`],
];

describe("extract: SSRF through the service (FETCH_ALLOW_PRIVATE_NETWORKS=false)", () => {
  it.each(targets().map(([name]) => [name]))("refuses %s with INVALID_ARGUMENT, without the query string", async (name) => {
    const url = targets().find(([n]) => n === name)?.[1] ?? "";
    const error = await failure(stack.extract({ document: { sources: [{ source: { case: "url", value: url } }] } }));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("sources[0]");
    expect(error.rawMessage).toMatch(/fetch refused/);
    expect(error.rawMessage).not.toContain(SECRET);
    expect(error.rawMessage).not.toContain("?");
  });

  it("never reached the loopback canary, and still serves", async () => {
    expect(canaryHits).toBe(0);
    const { response } = await stack.extract(inline(await pngPage(120, 80)));
    expect(response.pageCount).toBe(1);
  });
});
