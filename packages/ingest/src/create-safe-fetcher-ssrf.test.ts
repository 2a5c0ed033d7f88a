import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectFailure as failure } from "../test-fixtures/connect-failure.js";
import { startTestServer, type TestServer } from "../test-fixtures/start-test-server.js";
import { createSafeFetcher } from "./create-safe-fetcher.js";


let server: TestServer;

beforeAll(async () => {
  server = await startTestServer((_req, res, url) => {
    if (url.pathname === "/ok") return void res.end("hello");
    if (url.pathname === "/redirect-to") {
      res.writeHead(307, { location: url.searchParams.get("loc") ?? "/" });
      return void res.end();
    }
    res.writeHead(404).end();
  });
});

afterAll(async () => {
  await server.close();
});

describe("createSafeFetcher address rules (allowPrivateNetworks=false)", () => {
  const names: Record<string, string[]> = {
    localhost: ["127.0.0.1", "::1"],
    "metadata.test": ["169.254.169.254"],
    "mixed.test": ["8.8.8.8", "10.0.0.1"],
    "v6.test": ["fd12::1"],
  };
  const lookup = async (host: string): Promise<string[]> => {
    const found = names[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return found;
  };
  const strict = createSafeFetcher({ timeoutMs: 2000, maxBytes: 1000, allowPrivateNetworks: false, allowHttp: false, lookup });

  it.each([
    "https://127.0.0.1/",
    "https://127.0.0.1:8443/x",
    "https://localhost/",
    "https://10.0.0.5/doc.pdf",
    "https://172.16.0.1/",
    "https://172.31.255.254/",
    "https://192.168.0.1/",
    "https://169.254.169.254/latest/meta-data/",
    "https://2852039166/",
    "https://0xa9fea9fe/",
    "https://0251.0376.0251.0376/",
    "https://0xa9.0xfe.0xa9.0xfe/",
    "https://2130706433/",
    "https://0x7f.0.0.1/",
    "https://0177.0.0.1/",
    "https://127.1/",
    "https://[::1]/",
    "https://[::ffff:127.0.0.1]/",
    "https://[::ffff:a9fe:a9fe]/",
    "https://[::ffff:10.0.0.1]/",
    "https://[64:ff9b::a9fe:a9fe]/",
    "https://[::7f00:1]/",
    "https://[fd00::1]/",
    "https://[fe80::1]/",
    "https://[ff02::1]/",
    "https://[::]/",
    "https://100.64.0.1/",
    "https://0.0.0.0/",
    "https://224.0.0.1/",
    "https://255.255.255.255/",
    "https://metadata.test/",
    "https://mixed.test/",
    "https://v6.test/",
    "http://8.8.8.8/",
    "ftp://example.com/file.pdf",
    "file:///etc/passwd",
    "gopher://example.com/",
    "https://user:pass@example.com/",
    "not a url",
  ])("refuses %s with InvalidArgument and no query string in the message", async (url) => {
    const withSecret = `${url}?X-Amz-Signature=secret&X-Amz-Credential=AKIA`;
    const error = await failure(strict.fetch(withSecret));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toMatch(/^fetch refused: /);
    expect(error.message).not.toContain("secret");
    expect(error.message).not.toContain("X-Amz");
    expect(error.message).not.toContain("AKIA");
  });

  it("names the address and its range", async () => {
    expect((await failure(strict.fetch("https://10.0.0.5/?X-Amz-Signature=secret"))).rawMessage).toBe(
      "fetch refused: address is private (10.0.0.5)",
    );
    expect((await failure(strict.fetch("https://0xa9fea9fe/"))).rawMessage).toBe("fetch refused: address is link-local (169.254.169.254)");
  });

  it("reports DNS failures as Unavailable without the URL", async () => {
    const error = await failure(strict.fetch("https://nowhere.test/a?X-Amz-Signature=secret"));
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toBe("fetch failed: DNS lookup failed (ENOTFOUND)");
  });
});

describe("createSafeFetcher redirects and pinning", () => {
  function fetcherFor(resolve: (host: string) => string[]) {
    const calls: string[] = [];
    const fetcher = createSafeFetcher({
      timeoutMs: 2000,
      maxBytes: 1000,
      allowPrivateNetworks: false,
      allowHttp: true,
      // The test server is the one exempt address; everything else keeps the private rule.
      allowAddresses: ["127.0.0.1"],
      lookup: async (host) => {
        calls.push(host);
        return resolve(host);
      },
    });
    return { fetcher, calls };
  }
  const names = (host: string): string[] =>
    ({ "docs.example.test": ["127.0.0.1"], "internal.test": ["10.0.0.5"], localhost: ["127.0.0.2"] })[host] ?? [];

  it("connects to the checked address and sends the original Host", async () => {
    const { fetcher } = fetcherFor(names);
    expect((await fetcher.fetch(`http://docs.example.test:${server.port}/ok`)).toString()).toBe("hello");
    expect(server.hosts.at(-1)).toBe(`docs.example.test:${server.port}`);
  });

  it.each([
    ["http://169.254.169.254/latest/meta-data/", "redirect 1: address is link-local (169.254.169.254)"],
    ["http://internal.test:{port}/ok", "redirect 1: address is private (10.0.0.5)"],
    ["http://[::1]:{port}/ok", "redirect 1: address is loopback (::1)"],
    ["http://localhost:{port}/ok", "redirect 1: address is loopback (127.0.0.2)"],
    ["http://2130706434:{port}/ok", "redirect 1: address is loopback (127.0.0.2)"],
    ["ftp://docs.example.test/x", "redirect 1: scheme ftp: is not allowed (http(s) only)"],
    ["file:///etc/passwd", "redirect 1: scheme file: is not allowed (http(s) only)"],
    ["http://[bad", "redirect 1: invalid URL"],
  ])("refuses a redirect from an allowed server to %s", async (target, message) => {
    const { fetcher } = fetcherFor(names);
    const location = encodeURIComponent(`${target.replace("{port}", String(server.port))}?X-Amz-Signature=secret`);
    const error = await failure(fetcher.fetch(`http://docs.example.test:${server.port}/redirect-to?loc=${location}`));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toBe(`fetch refused: ${message}`);
    expect(error.message).not.toContain("secret");
  });

  it("resolves each hop once, so a rebinding DNS answer is never used", async () => {
    let answers = 0;
    const { fetcher, calls } = fetcherFor(() => (answers++ === 0 ? ["127.0.0.1"] : ["10.0.0.5"]));
    expect((await fetcher.fetch(`http://docs.example.test:${server.port}/ok`)).toString()).toBe("hello");
    expect(calls).toEqual(["docs.example.test"]);
  });

  it("refuses plain http unless allowHttp", async () => {
    const local = { timeoutMs: 2000, maxBytes: 1000, allowPrivateNetworks: true, allowHttp: false };
    const error = await failure(createSafeFetcher(local).fetch(`${server.origin}/ok`));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toBe("fetch refused: scheme http: is not allowed (https only)");
  });
});
