import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { create } from "@bufbuild/protobuf";
import { createLogger } from "@docproc/common";
import { ClassifyDocumentResponseSchema } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { createPageLoader } from "@docproc/ingest";
import { buildApp as buildClassifyApp } from "../../services/classify/src/app.js";
import { loadConfig as loadClassifyConfig } from "../../services/classify/src/config.js";
import type { ClassifyEngine } from "../../services/classify/src/engine.js";
import { buildApp as buildGatewayApp } from "../../services/gateway/src/app.js";
import { createBackendClients } from "../../services/gateway/src/backend-clients.js";
import { loadConfig as loadGatewayConfig } from "../../services/gateway/src/config.js";
import { cannedClassification } from "../../services/gateway/test/support/fake-backends.js";

/** The fake classify handler's answer: what a one-page W-2 classification looks like on the wire (the gateway tests' canned one). */
const CANNED = create(ClassifyDocumentResponseSchema, cannedClassification());

/** A classify engine that is always ready; the handler below never calls it. */
const fakeEngine: ClassifyEngine = {
  kind: "vlm",
  modelId: "bench-fake",
  classifyPage: () => Promise.reject(new Error("not used: the benchmark injects its own handler")),
  ready: async () => true,
  close: async () => undefined,
};

export interface InProcessStack {
  /** grpc-js target of the classify backend: 127.0.0.1:<port>. */
  backendAddress: string;
  /** http://127.0.0.1:<gateway port> */
  gatewayUrl: string;
  apiKey: string;
  close(): Promise<void>;
}

/**
 * The real classify server (buildApp with a handler that answers at once)
 * and the real gateway (buildApp over real grpc-js backend clients) in this
 * process, both on port 0. Logs are off so that logging cost does not enter
 * the comparison, and admission limits are lifted so nothing is shed.
 */
export async function startInProcessStack(logLevel = "silent"): Promise<InProcessStack> {
  const logger = createLogger({ service: "bench", level: logLevel });
  const classifyEnv = {
    HOST: "127.0.0.1",
    LOG_LEVEL: logLevel,
    SHUTDOWN_GRACE_MS: "1000",
    CLASSIFY_MAX_INFLIGHT_REQUESTS: "100000",
    CLASSIFY_METRICS_PORT: "0", // no metrics listener: the default port may be taken
  };
  const classifyConfig = { ...loadClassifyConfig(classifyEnv), port: 0 };
  const backend = buildClassifyApp({
    config: classifyConfig,
    logger,
    engine: fakeEngine,
    pageLoader: createPageLoader(classifyConfig.ingest),
    handler: async () => CANNED,
    readiness: { minIntervalMs: 50, maxIntervalMs: 200 },
  });
  const backendPort = await backend.start();

  const apiKey = randomBytes(24).toString("base64url");
  const target = `dns:///127.0.0.1:${backendPort}`;
  const gatewayConfig = loadGatewayConfig({
    GATEWAY_HOST: "127.0.0.1",
    GATEWAY_PORT: "0",
    GATEWAY_API_KEY: apiKey,
    // Extract is never called here; it points at the same server so the health monitor has a target.
    CLASSIFY_ADDR: target,
    EXTRACT_ADDR: target,
    LOG_LEVEL: logLevel,
    SHUTDOWN_GRACE_MS: "1000",
    // The per-key rate limit and page cap would shed this load; they are not what is measured.
    RATE_LIMIT_REQUESTS: "0",
    MAX_PAGES_IN_FLIGHT_PER_KEY: "0",
  });
  const clients = createBackendClients({ classifyAddr: target, extractAddr: target, maxMessageBytes: gatewayConfig.maxRequestBytes, logger });
  const gateway = await buildGatewayApp({ config: gatewayConfig, logger, classifyClient: clients.classify, extractClient: clients.extract });
  await gateway.listen({ host: "127.0.0.1", port: 0 });
  const { port } = gateway.server.address() as AddressInfo;

  return {
    backendAddress: `127.0.0.1:${backendPort}`,
    gatewayUrl: `http://127.0.0.1:${port}`,
    apiKey,
    async close() {
      await gateway.close();
      clients.close();
      await backend.stop();
    },
  };
}
