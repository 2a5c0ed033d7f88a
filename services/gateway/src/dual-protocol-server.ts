import http from "node:http";
import http2 from "node:http2";
import type { Socket } from "node:net";
import type { Logger } from "@docproc/common";

/** The first bytes of every HTTP/2 prior-knowledge (h2c) connection. */
const H2_PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");

type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** Options of createDualProtocolServer. */
export interface DualProtocolServerOptions {
  /** A connection that has not sent enough bytes to tell its protocol by then is closed. Default 10 s. */
  sniffTimeoutMs?: number;
  logger?: Logger;
}

/** One listening http.Server that also serves h2c, and the hook that drains it. */
export interface DualProtocolServer {
  /** Listen on this one (Fastify does, through serverFactory). */
  readonly server: http.Server;
  /** Never listens; receives the sockets that start with the HTTP/2 preface. */
  readonly http2Server: http2.Http2Server;
  /**
   * For shutdown: closes sockets still being sniffed, sends GOAWAY to every
   * HTTP/2 session (in-flight streams finish, new ones go elsewhere), and
   * destroys what is left after graceMs. Node 20's http2Server.close() leaves
   * existing sessions open, so this is done by hand.
   */
  drain(graceMs: number): Promise<void>;
}

/**
 * HTTP/1.1 and h2c on one cleartext port: gRPC needs HTTP/2, browsers and
 * curl send HTTP/1.1, and Node has no cleartext `allowHTTP1`. Each new
 * connection is held until its first bytes show whether they are the HTTP/2
 * preface; then the socket goes to the http2 server or to the http server's
 * own connection listener. The same request handler (Fastify's) serves both.
 *
 * Bytes are drained from the socket until the decision and pushed back with
 * one unshift: unshifting a partial preface and waiting for 'readable' again
 * hangs when the preface arrives split across TCP segments.
 */
export function createDualProtocolServer(handler: RequestHandler, options: DualProtocolServerOptions = {}): DualProtocolServer {
  const sniffTimeoutMs = options.sniffTimeoutMs ?? 10_000;
  const server = http.createServer(handler);
  const http2Server = http2.createServer(handler as unknown as (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void);
  const sniffing = new Set<Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();

  http2Server.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  http2Server.on("sessionError", (error) => options.logger?.debug({ err: error }, "http2 session error"));

  const httpConnectionListeners = server.listeners("connection") as Array<(socket: Socket) => void>;
  server.removeAllListeners("connection");
  server.on("connection", (socket: Socket) => sniff(socket));

  function sniff(socket: Socket): void {
    sniffing.add(socket);
    const chunks: Buffer[] = [];
    let length = 0;

    function cleanup() {
      socket.removeListener("readable", onReadable);
      socket.removeListener("end", abandon);
      socket.removeListener("error", abandon);
      socket.removeListener("close", cleanup);
      socket.removeListener("timeout", abandon);
      socket.setTimeout(0);
      sniffing.delete(socket);
    }
    const hand = (toHttp2: boolean) => {
      cleanup();
      if (length > 0) socket.unshift(Buffer.concat(chunks, length));
      if (toHttp2) http2Server.emit("connection", socket);
      else for (const listener of httpConnectionListeners) listener.call(server, socket);
    };
    function onReadable() {
      let chunk: Buffer | null;
      while ((chunk = socket.read() as Buffer | null) !== null) {
        chunks.push(chunk);
        length += chunk.length;
      }
      const head = Buffer.concat(chunks, length);
      const compared = Math.min(head.length, H2_PREFACE.length);
      const matchesSoFar = head.subarray(0, compared).equals(H2_PREFACE.subarray(0, compared));
      if (matchesSoFar && head.length < H2_PREFACE.length) return; // wait for more bytes
      hand(matchesSoFar);
    }
    // Ended, failed or silent before a whole preface arrived: nothing to serve.
    function abandon() {
      cleanup();
      socket.destroy();
    }

    socket.on("readable", onReadable);
    socket.on("end", abandon);
    socket.on("error", abandon);
    socket.on("close", cleanup);
    socket.on("timeout", abandon);
    socket.setTimeout(sniffTimeoutMs);
  }

  async function drain(graceMs: number): Promise<void> {
    for (const socket of sniffing) socket.destroy();
    sniffing.clear();
    const open = [...sessions];
    for (const session of open) {
      if (!session.closed && !session.destroyed) session.close();
    }
    if (open.length === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        for (const session of sessions) session.destroy();
        resolve();
      }, graceMs);
      timer.unref();
      const check = () => {
        if (sessions.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      };
      for (const session of open) session.once("close", check);
      check();
    });
  }

  return { server, http2Server, drain };
}
