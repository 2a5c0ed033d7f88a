import http from "node:http";
import http2 from "node:http2";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSplitProxy, type SplitProxy } from "../test/support/split-proxy.js";
import { createDualProtocolServer, type DualProtocolServer } from "./dual-protocol-server.js";

let dual: DualProtocolServer;
let port: number;
let proxy: SplitProxy;

beforeAll(async () => {
  dual = createDualProtocolServer((req, res) => {
    res.setHeader("content-type", "text/plain");
    res.end(`${req.httpVersion} ${req.method} ${req.url}`);
  });
  await new Promise<void>((resolve) => dual.server.listen(0, "127.0.0.1", resolve));
  port = (dual.server.address() as net.AddressInfo).port;
  proxy = await startSplitProxy(port, { firstBytes: 1, pauseMs: 100 });
});

afterAll(async () => {
  await proxy.close();
  await dual.drain(100);
  dual.server.closeAllConnections();
  await new Promise<void>((resolve) => dual.server.close(() => resolve()));
});

function getHttp1(targetPort: number, method = "GET"): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: targetPort, path: "/one", method, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve(body));
    });
    req.on("error", reject);
    req.end();
  });
}

function getHttp2(targetPort: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`http://127.0.0.1:${targetPort}`);
    session.on("error", reject);
    const stream = session.request({ ":path": "/two", ":method": "GET" });
    let body = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => (body += chunk));
    stream.on("end", () => {
      session.close();
      resolve(body);
    });
    stream.on("error", reject);
    stream.end();
  });
}

describe("createDualProtocolServer", () => {
  it("serves HTTP/1.1 and h2c on the same port", async () => {
    expect(await getHttp1(port)).toBe("1.1 GET /one");
    expect(await getHttp2(port)).toBe("2.0 GET /two");
  });

  it("waits for the rest of a preface split across TCP segments", async () => {
    // "P" is also the first byte of the HTTP/2 preface, so both sniff paths wait.
    expect(await getHttp1(proxy.port, "POST")).toBe("1.1 POST /one");
    expect(await getHttp2(proxy.port)).toBe("2.0 GET /two");
  });

  it("closes a connection that ends in the middle of a preface", async () => {
    const socket = net.connect(port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.end("PRI * HTTP");
    const closed = await new Promise<boolean>((resolve) => socket.once("close", () => resolve(true)));
    expect(closed).toBe(true);
  });

  it("sends GOAWAY to open HTTP/2 sessions on drain", async () => {
    const session = http2.connect(`http://127.0.0.1:${port}`);
    // One finished request: the server side of the session surely exists.
    await new Promise<void>((resolve) => session.request({ ":path": "/" }).resume().once("end", resolve).end());
    const goaway = new Promise<boolean>((resolve) => session.once("goaway", () => resolve(true)));
    session.on("error", () => {});
    await dual.drain(1000);
    expect(await goaway).toBe(true);
    session.destroy();
  });
});
