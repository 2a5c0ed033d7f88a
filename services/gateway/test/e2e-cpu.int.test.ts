// The whole product on the CPU engines: the real classify and extract
// services (tesseract OCR, text-evidence classifier, layout transformers,
// identifier masking) on port 0, the real gateway in front, and the sample
// documents in samples/. Slow by nature (OCR is about 1-2 s per page on two
// cores), hence the long timeouts.
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { createLogger, type BackendApp } from "@docproc/common";
import { createPageLoader } from "@docproc/ingest";
import { createOcrEngine } from "@docproc/ocr";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp as buildClassifyApp } from "../../classify/src/app.js";
import { loadConfig as loadClassifyConfig } from "../../classify/src/config.js";
import { createCpuClassifyEngine } from "../../classify/src/cpu/cpu-classify-engine.js";
import { buildApp as buildExtractApp } from "../../extract/src/app.js";
import { loadConfig as loadExtractConfig } from "../../extract/src/config.js";
import { createCpuExtractEngine } from "../../extract/src/cpu/cpu-extract-engine.js";
import { maskIdentifiers } from "../../extract/src/fields/index.js";
import { transformDocument } from "../../extract/src/transform/transform-document.js";
import { buildApp } from "../src/app.js";
import { createBackendClients, type BackendClients } from "../src/backend-clients.js";
import { loadConfig } from "../src/config.js";

const SAMPLES = new URL("../../../samples/", import.meta.url);
const KEY = "e2e-key";
/** The W-2 sample's employee SSN: it must never come back unmasked. */
const SSN = "575-14-3487";
const BACKEND_ENV = { HOST: "127.0.0.1", LOG_LEVEL: "silent", OCR_WORKERS: "1", SHUTDOWN_GRACE_MS: "1000" };

let classifyApp: BackendApp;
let extractApp: BackendApp;
let backends: BackendClients;
let gateway: FastifyInstance;
let baseUrl: string;
const closeEngines: Array<() => Promise<void>> = [];

beforeAll(async () => {
  const logger = createLogger({ service: "e2e", level: "silent" });
  const readiness = { minIntervalMs: 50, maxIntervalMs: 200 };

  // Wired as services/classify/src/main.ts does for CLASSIFY_ENGINE=cpu.
  const classifyConfig = loadClassifyConfig({ ...BACKEND_ENV, CLASSIFY_PORT: "0", CLASSIFY_ENGINE: "cpu", CLASSIFY_METRICS_PORT: "0" });
  const classifyEngine = createCpuClassifyEngine({ ocr: await createOcrEngine({ workers: 1, logger }), logger });
  closeEngines.push(() => classifyEngine.close());
  classifyApp = buildClassifyApp({ config: classifyConfig, logger, engine: classifyEngine, pageLoader: createPageLoader(classifyConfig.ingest), readiness });
  const classifyPort = await classifyApp.start();

  // Wired as services/extract/src/main.ts does for EXTRACT_ENGINE=cpu.
  const extractConfig = loadExtractConfig({ ...BACKEND_ENV, EXTRACT_PORT: "0", EXTRACT_ENGINE: "cpu", EXTRACT_METRICS_PORT: "0" });
  const extractEngine = createCpuExtractEngine({ ocr: await createOcrEngine({ workers: 1, logger }), logger });
  closeEngines.push(() => extractEngine.close());
  extractApp = buildExtractApp({
    config: extractConfig,
    logger,
    engine: extractEngine,
    pageLoader: createPageLoader(extractConfig.ingest),
    transform: transformDocument,
    maskIdentifiers,
    readiness,
  });
  const extractPort = await extractApp.start();

  const config = loadConfig({
    GATEWAY_HOST: "127.0.0.1",
    GATEWAY_PORT: "0",
    GATEWAY_API_KEYS: `e2e:${KEY}`,
    CLASSIFY_ADDR: `dns:///127.0.0.1:${classifyPort}`,
    EXTRACT_ADDR: `dns:///127.0.0.1:${extractPort}`,
    LOG_LEVEL: "silent",
    HEALTH_CACHE_MS: "0",
    DEFAULT_DEADLINE_MS: "180000",
  });
  backends = createBackendClients({ classifyAddr: config.classifyAddr, extractAddr: config.extractAddr, maxMessageBytes: config.maxRequestBytes, logger });
  gateway = await buildApp({ config, logger, classifyClient: backends.classify, extractClient: backends.extract });
  await gateway.listen({ host: config.host, port: 0 });
  baseUrl = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;

  // Both engines warm their OCR up first; /ready turns 200 once both backends say SERVING.
  while ((await fetch(`${baseUrl}/ready`)).status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
}, 120_000);

afterAll(async () => {
  await gateway?.close();
  backends?.close();
  await Promise.all([classifyApp?.stop(), extractApp?.stop()]);
  await Promise.all(closeEngines.map((close) => close()));
}, 60_000);

async function sample(name: string): Promise<Buffer> {
  return readFile(new URL(name, SAMPLES));
}

async function restUpload(path: string, name: string, fields: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const form = new FormData();
  form.append("file", new Blob([await sample(name)], { type: "image/png" }), name);
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  const res = await fetch(`${baseUrl}${path}`, { method: "POST", headers: { "x-api-key": KEY }, body: form });
  return { status: res.status, text: await res.text() };
}

describe("end to end on the CPU engines", () => {
  it("REST: classifies then extracts the W-2 sample, with wages and a masked SSN", async () => {
    const { status, text } = await restUpload("/v1/extract", "w2.png");
    expect(status, text).toBe(200);
    expect(text).not.toContain(SSN);
    expect(text).not.toContain(SSN.replaceAll("-", ""));
    const body = JSON.parse(text) as Record<string, any>;
    expect(body["doc_type"]).toBe("W2");
    expect(body["classification"]["type"]).toBe("W2");
    expect(body["classification"]["confidence"]).toBeGreaterThan(0.5);
    expect(body["engine"]).toBe("cpu");
    expect(body["data"]["box1_wages_tips_other_comp"]["value"]).toMatchObject({ currency_code: "USD", units: "111750", nanos: 710_000_000 });
    // The SSN was read (so its absence above means masking, not a miss): last four only.
    expect(body["data"]["employee_ssn"]["value"]).toMatchObject({ last4: "3487", masked: "***-**-3487" });
  }, 180_000);

  it("Connect JSON ProcessDocument: the same W-2 through the pipeline", async () => {
    const content = (await sample("w2.png")).toString("base64");
    const res = await fetch(`${baseUrl}/docproc.v1.DocumentService/ProcessDocument`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": KEY },
      body: JSON.stringify({ document: { sources: [{ content, mediaType: "image/png" }] } }),
    });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(text).not.toContain(SSN);
    expect(text).not.toContain(SSN.replaceAll("-", ""));
    const body = JSON.parse(text) as Record<string, any>;
    expect(body["classification"]["documentType"]).toBe("DOCUMENT_TYPE_W2");
    expect(body["classification"]["confidence"]).toBeGreaterThan(0.5);
    expect(body["extraction"]["documentType"]).toBe("DOCUMENT_TYPE_W2");
    const w2 = body["extraction"]["fields"]["w2"];
    expect(w2["box1WagesTipsOtherComp"]["value"]).toMatchObject({ currencyCode: "USD", units: "111750", nanos: 710_000_000 });
    expect(w2["employeeSsn"]["value"]["last4"]).toBe("3487");
  }, 180_000);

  it.each([
    ["receipt.png", "receipt"],
    ["invoice.png", "invoice"],
  ])("REST: classifies %s as %s", async (name, type) => {
    const { status, text } = await restUpload("/v1/classify", name);
    expect(status, text).toBe(200);
    expect((JSON.parse(text) as { type: string }).type).toBe(type);
  }, 180_000);

  it("/health says which engine answered", async () => {
    const health = (await (await fetch(`${baseUrl}/health`)).json()) as Record<string, any>;
    expect(health["backends"]["classify"]).toMatchObject({ status: "SERVING", engine: "cpu" });
    expect(health["backends"]["extract"]).toMatchObject({ status: "SERVING", engine: "cpu" });
    expect(health["backends"]["extract"]["model"]).toMatch(/^cpu:tesseract/);
  });
});
