import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";

/** Options of createMetricsServer. */
export interface MetricsServerOptions {
  /** The Prometheus text and its Content-Type (a DocprocMetrics fits). */
  metrics: { render(): Promise<string>; readonly contentType: string };
  /** For /ready: true while the gRPC health is SERVING. Without it /ready is absent. */
  ready?: () => boolean;
  logger?: Logger;
}

/** A small HTTP server beside a backend's gRPC port, for scrapers and kubelet probes. */
export interface MetricsServer {
  /** Binds host:port (0 picks a port) and resolves with the bound port. */
  listen(host: string, port: number): Promise<number>;
  /** Stops accepting and closes every connection. */
  close(): Promise<void>;
}

/**
 * GET /metrics (Prometheus text), GET /live (200 while the process runs: a
 * liveness probe must not depend on the model server) and GET /ready (200
 * when SERVING, else 503). node:http rather than Fastify: three fixed routes
 * do not need a framework in the backends.
 */
export function createMetricsServer(options: MetricsServerOptions): MetricsServer {
  const { metrics, ready, logger } = options;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    if (path === "/live") {
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("ok\n");
      return;
    }
    if (path === "/ready" && ready) {
      const serving = ready();
      res.writeHead(serving ? 200 : 503, { "content-type": "text/plain; charset=utf-8" }).end(serving ? "ready\n" : "not ready\n");
      return;
    }
    if (path === "/metrics") {
      metrics.render().then(
        (text) => res.writeHead(200, { "content-type": metrics.contentType }).end(text),
        (error: unknown) => {
          logger?.error({ err: error }, "rendering metrics failed");
          res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("metrics unavailable\n");
        },
      );
      return;
    }
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
  });
  // Scrapes are short; idle keep-alive sockets must not hold shutdown up.
  server.keepAliveTimeout = 5_000;

  return {
    listen(host, port) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    close() {
      if (!server.listening) return Promise.resolve();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
