import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { createLogger } from "@docproc/common";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/app.js";
import { createBackendClients, type BackendClients } from "../../src/backend-clients.js";
import { loadConfig, type GatewayConfig } from "../../src/config.js";
import { createGatewayMetrics } from "../../src/gateway-metrics.js";
import { startFakeClassify, startFakeExtract, type FakeClassify, type FakeExtract } from "./fake-backends.js";

/** The keys the harness configures: name → key. */
export const TEST_KEYS = { alice: "alice-secret-key-1", bob: "bob-secret-key-2" } as const;

/** Fake backends plus a gateway on port 0 in front of them. */
export interface GatewayHarness {
  readonly app: FastifyInstance;
  readonly config: GatewayConfig;
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  readonly classify: FakeClassify;
  readonly extract: FakeExtract;
  /** Every log line the gateway wrote, parsed. */
  readonly logs: Array<Record<string, unknown>>;
  /** The raw log text, to check that no key ever appears. */
  logText(): string;
  close(): Promise<void>;
}

/** Starts the fakes and the gateway. `env` overrides the harness's variables. */
export async function startGateway(env: Record<string, string> = {}): Promise<GatewayHarness> {
  const classify = await startFakeClassify();
  const extract = await startFakeExtract();
  const config = loadConfig({
    GATEWAY_HOST: "127.0.0.1",
    GATEWAY_PORT: "0",
    GATEWAY_API_KEYS: `alice:${TEST_KEYS.alice},bob:${TEST_KEYS.bob}`,
    CLASSIFY_ADDR: classify.target,
    EXTRACT_ADDR: extract.target,
    LOG_LEVEL: "info",
    MAX_REQUEST_BYTES: String(256 * 1024),
    HEALTH_CACHE_MS: "0",
    SHUTDOWN_GRACE_MS: "500",
    ...env,
  });
  let text = "";
  const logs: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const lines = chunk.toString("utf8");
      text += lines;
      for (const line of lines.split("\n")) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger({ service: "gateway", level: config.logLevel, destination });
  const metrics = createGatewayMetrics();
  const backends: BackendClients = createBackendClients({
    classifyAddr: config.classifyAddr,
    extractAddr: config.extractAddr,
    maxMessageBytes: config.maxRequestBytes,
    retry: config.backendRetry,
    observer: metrics.backendObserver,
    logger,
  });
  const app = await buildApp({ config, logger, metrics, classifyClient: backends.classify, extractClient: backends.extract });
  await app.listen({ host: config.host, port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  return {
    app,
    config,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    classify,
    extract,
    logs,
    logText: () => text,
    async close() {
      await app.close();
      backends.close();
      await Promise.all([classify.stop(), extract.stop()]);
    },
  };
}
