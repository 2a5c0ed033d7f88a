// Load run: the real stack (three processes) with the VLM engines pointed at
// a fake model server in this process (fixed latency, bounded capacity), so
// the figures measure our services and not a model. Fires N requests at once
// (ClassifyDocument and ExtractDocument, half each, small inline PNG) through
// the gateway and reports status codes, latency, wall time and peak RSS.
//   node --import tsx bench/load/run.ts [--requests 500] [--concurrency <requests>]
//     [--protocol connect-h2|grpc-h2|connect-h1|grpc-web-h1|mixed] [--latency-ms 200]
//     [--capacity 64] [--timeout-s 60] [--limits default|off] [--mix both|classify|extract] [--json]
// --limits off lifts the gateway's per-key rate limit and page cap and the
// backends' in-flight limits, to see the services' own behaviour at that load;
// by default the shipped limits apply and excess load is shed with
// RESOURCE_EXHAUSTED (the report names which limit answered).
import { parseArgs } from "node:util";
import { create } from "@bufbuild/protobuf";
import { type Client, createClient } from "@connectrpc/connect";
import { ClassifyDocumentRequestSchema, ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { ExtractDocumentRequestSchema, ExtractService } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { runClosedLoop } from "../support/closed-loop.js";
import { errorCodeName } from "../support/error-code.js";
import { startFakeVlmServer } from "../support/fake-vlm-server.js";
import { fixed, latencyStats } from "../support/latency-stats.js";
import { machineInfo } from "../support/machine-info.js";
import { mib } from "../support/rss-sampler.js";
import { type Stack, startStack, stopStackOnSignals } from "../support/start-stack.js";
import { formatTable, section } from "../support/text-table.js";
import { renderTestPagePng } from "../support/test-page-png.js";
import { createTransport, isProtocol, type Protocol } from "../support/transports.js";

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "500" },
    concurrency: { type: "string" },
    protocol: { type: "string", default: "connect-h2" },
    "latency-ms": { type: "string", default: "200" },
    capacity: { type: "string", default: "64" },
    "timeout-s": { type: "string", default: "60" },
    limits: { type: "string", default: "default" },
    mix: { type: "string", default: "both" },
    json: { type: "boolean", default: false },
  },
});
const machine = machineInfo(); // before the stack loads the CPU
const total = Math.min(5_000, Math.max(2, Number(args.requests)));
const concurrency = Math.min(total, Math.max(1, Number(args.concurrency ?? total)));
const latencyMs = Math.min(10_000, Math.max(0, Number(args["latency-ms"])));
const capacity = Math.max(0, Number(args.capacity));
const timeoutMs = Math.min(600, Math.max(1, Number(args["timeout-s"]))) * 1000;
const protocols: Protocol[] = args.protocol === "mixed" ? ["connect-h2", "grpc-h2", "connect-h1"] : isProtocol(args.protocol) ? [args.protocol] : [];
if (protocols.length === 0) throw new Error(`unknown --protocol ${args.protocol}`);
if (args.limits !== "default" && args.limits !== "off") throw new Error("--limits must be default or off");
if (!["both", "classify", "extract"].includes(args.mix)) throw new Error("--mix must be both, classify or extract");
/** With --limits off: every admission limit at or above the load (0 turns the gateway's off). */
const liftedLimits: Record<string, string> =
  args.limits === "off"
    ? {
        RATE_LIMIT_REQUESTS: "0",
        MAX_PAGES_IN_FLIGHT_PER_KEY: "0",
        CLASSIFY_MAX_INFLIGHT_REQUESTS: String(total),
        EXTRACT_MAX_INFLIGHT_REQUESTS: String(total),
        EXTRACT_MAX_INFLIGHT_PAGES: String(total),
      }
    : {};

const CLASSIFY_MODEL = "bench-qwen2.5-vl";
const EXTRACT_MODEL = "bench-dots-ocr";
const fake = await startFakeVlmServer({ classifyModel: CLASSIFY_MODEL, extractModel: EXTRACT_MODEL, latencyMs, capacity });
let stack: Stack | undefined;
try {
  process.stderr.write("starting classify, extract and gateway (vlm engines against the fake model server)...\n");
  stack = await startStack({
    baseEnv: process.env,
    env: {
      CLASSIFY_ENGINE: "vlm",
      EXTRACT_ENGINE: "vlm",
      CLASSIFY_VLM_BASE_URL: fake.url,
      EXTRACT_VLM_BASE_URL: fake.url,
      CLASSIFY_VLM_MODEL: CLASSIFY_MODEL,
      EXTRACT_VLM_MODEL: EXTRACT_MODEL,
      ...liftedLimits,
    },
  });
  stopStackOnSignals(stack);
} catch (error) {
  await fake.close();
  throw error;
}

const page = await renderTestPagePng({ width: 850, height: 1100 });
const document = { sources: [{ source: { case: "content" as const, value: page }, mediaType: "image/png" }] };
const classifyRequest = create(ClassifyDocumentRequestSchema, { document });
const extractRequest = create(ExtractDocumentRequestSchema, { document, documentType: DocumentType.INVOICE });
const clients = protocols.map((protocol) => {
  const transport = createTransport(protocol, stack.baseUrl, stack.apiKey);
  return { protocol, classify: createClient(ClassifyService, transport), extract: createClient(ExtractService, transport) };
});
type Clients = { classify: Client<typeof ClassifyService>; extract: Client<typeof ExtractService> };
const rpcOf = (index: number): "classify" | "extract" => (args.mix === "both" ? (index % 2 === 0 ? "classify" : "extract") : (args.mix as "classify" | "extract"));
const send = (index: number): Promise<unknown> => {
  const c = clients[(args.mix === "both" ? Math.floor(index / 2) : index) % clients.length] as Clients;
  return rpcOf(index) === "classify"
    ? c.classify.classifyDocument(classifyRequest, { timeoutMs })
    : c.extract.extractDocument(extractRequest, { timeoutMs });
};

/** Warm-up, then the measured burst; RSS peaks and the fake's peaks are reset in between. */
async function measure(running: Stack) {
  await runClosedLoop({ total: 20, concurrency: 4 }, send); // warm-up: connections, JIT
  const idle = running.rss.currentBytes();
  running.rss.resetPeaks();
  fake.gate.resetPeaks();
  const perRpc = { classify: { byCode: {} as Record<string, number>, ms: [] as number[] }, extract: { byCode: {} as Record<string, number>, ms: [] as number[] } };
  const run = await runClosedLoop({ total, concurrency, budgetMs: timeoutMs * 2 }, async (index) => {
    const started = performance.now();
    const rpc = perRpc[rpcOf(index)];
    let code = "OK";
    try {
      await send(index);
    } catch (error) {
      code = errorCodeName(error);
      throw error;
    } finally {
      rpc.byCode[code] = (rpc.byCode[code] ?? 0) + 1;
      rpc.ms.push(performance.now() - started);
    }
  });
  return {
    machine,
    requests: total,
    concurrency,
    protocols,
    limits: args.limits,
    fakeModel: { latencyMs, capacity, maxInModel: fake.gate.maxInService, maxQueued: fake.gate.maxQueued, answered: { ...fake.answered } },
    payloadBytes: page.length,
    wallMs: run.wallMs,
    requestsPerSecond: (run.completed / run.wallMs) * 1000,
    byCode: run.byCode,
    byError: run.byError,
    latency: latencyStats(run.latenciesMs),
    byRpc: Object.fromEntries(Object.entries(perRpc).map(([rpc, r]) => [rpc, { byCode: r.byCode, latency: latencyStats(r.ms) }])),
    rssMiB: Object.fromEntries(
      Object.entries(running.rss.peakBytes()).map(([service, peak]) => [service, { idle: Number(mib(idle[service] ?? 0)), peak: Number(mib(peak)) }]),
    ),
    exited: running.exited(),
  };
}

const report = await measure(stack).finally(async () => {
  await stack.stop();
  await fake.close();
});

if (args.json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const codes = (byCode: Record<string, number>): string => Object.entries(byCode).sort(([a], [b]) => a.localeCompare(b)).map(([c, n]) => `${c} ${n}`).join(", ");
  const rpcRows = Object.entries(report.byRpc).filter(([, r]) => r.latency.count > 0).map(([rpc, r]) => [rpc, r.latency.count, codes(r.byCode), fixed(r.latency.p50Ms, 0), fixed(r.latency.p99Ms, 0), fixed(r.latency.maxMs, 0)]);
  rpcRows.push(["all", report.latency.count, codes(report.byCode), fixed(report.latency.p50Ms, 0), fixed(report.latency.p99Ms, 0), fixed(report.latency.maxMs, 0)]);
  const rssRows = Object.entries(report.rssMiB).map(([service, r]) => [service, fixed(r.idle, 1), fixed(r.peak, 1)]);
  process.stdout.write(
    [
      `load benchmark: ${total} requests (${args.mix === "both" ? "ClassifyDocument and ExtractDocument alternating" : args.mix === "classify" ? "ClassifyDocument" : "ExtractDocument as invoice"}, ${report.payloadBytes}-byte PNG), ${concurrency} at once, over ${protocols.join(" + ")}, ${args.limits === "off" ? "admission limits lifted" : "default admission limits"}`,
      `fake model server: ${latencyMs} ms per request, capacity ${capacity > 0 ? capacity : "unlimited"} (max in model ${report.fakeModel.maxInModel}, max queued ${report.fakeModel.maxQueued})`,
      `machine: ${machine}`,
      section(`results: wall ${fixed(report.wallMs / 1000, 2)} s, ${fixed(report.requestsPerSecond, 1)} requests/s`, formatTable(["rpc", "done", "status codes", "p50 ms", "p99 ms", "max ms"], rpcRows)),
      section(
        "errors by code and message",
        Object.keys(report.byError).length
          ? formatTable(["error", "count"], Object.entries(report.byError).sort(([, a], [, b]) => b - a))
          : "  none",
      ),
      section("RSS per service (process tree), MiB", formatTable(["service", "idle", "peak under load"], rssRows)),
      ...Object.entries(report.exited).map(([service, how]) => `WARNING: ${service} exited during the run (${how})`),
      "",
    ].join("\n"),
  );
}
