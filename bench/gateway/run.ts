// Gateway overhead: the same ClassifyDocument call made directly to the
// classify backend with grpc-js, and through the gateway with Connect JSON
// over HTTP/1.1, gRPC over h2c and Connect JSON over h2c. The backend is the
// real classify server with a handler that answers at once, so the figures
// are transport and gateway cost only. Everything runs in this process on
// 127.0.0.1 (client, gateway and backend share one event loop).
// The cases take turns in rounds (each round runs every case on its share of
// the requests), so a change in machine load mid-run touches every case
// alike; req/s is the median over rounds, latencies pool all rounds.
//   node --import tsx bench/gateway/run.ts [--requests 3000] [--concurrency 32]
//     [--rounds 3] [--budget-s 60] [--json]
import { parseArgs } from "node:util";
import { create } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { callGrpcUnary } from "@docproc/common";
import { ClassifyDocumentRequestSchema, ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import * as grpc from "@grpc/grpc-js";
import { runClosedLoop, type ClosedLoopResult } from "../support/closed-loop.js";
import { fixed, latencyStats, type LatencyStats, median } from "../support/latency-stats.js";
import { machineInfo } from "../support/machine-info.js";
import { formatTable, section } from "../support/text-table.js";
import { renderTestPagePng } from "../support/test-page-png.js";
import { createTransport, type Protocol } from "../support/transports.js";
import { startInProcessStack } from "./in-process-stack.js";

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "3000" },
    concurrency: { type: "string", default: "32" },
    rounds: { type: "string", default: "3" },
    "budget-s": { type: "string", default: "60" },
    json: { type: "boolean", default: false },
  },
});
const total = Math.min(100_000, Math.max(10, Number(args.requests)));
const concurrency = Math.min(1_000, Math.max(1, Number(args.concurrency)));
const rounds = Math.min(10, Math.max(1, Number(args.rounds)));
/** Per case and round. */
const budgetMs = (Math.min(600, Math.max(1, Number(args["budget-s"]))) * 1000) / rounds;
const CALL_TIMEOUT_MS = 30_000;
const machine = machineInfo(); // before this benchmark loads the CPU

const page = await renderTestPagePng({ width: 425, height: 550 });
const request = create(ClassifyDocumentRequestSchema, { document: { sources: [{ source: { case: "content", value: page } }] } });
const stack = await startInProcessStack();

type Call = () => Promise<unknown>;
interface Case {
  name: string;
  call: Call;
  close?: () => void;
}

const direct = new grpc.Client(stack.backendAddress, grpc.credentials.createInsecure());
const viaGateway = (protocol: Protocol): Call => {
  const client = createClient(ClassifyService, createTransport(protocol, stack.gatewayUrl, stack.apiKey));
  return () => client.classifyDocument(request, { timeoutMs: CALL_TIMEOUT_MS });
};
const cases: Case[] = [
  {
    name: "direct: grpc-js -> classify",
    call: () => callGrpcUnary(direct, ClassifyService.method.classifyDocument, request, { deadline: new Date(Date.now() + CALL_TIMEOUT_MS) }),
    close: () => direct.close(),
  },
  { name: "gateway: Connect JSON, HTTP/1.1", call: viaGateway("connect-h1") },
  { name: "gateway: gRPC, h2c", call: viaGateway("grpc-h2") },
  { name: "gateway: Connect JSON, h2c", call: viaGateway("connect-h2") },
];

interface CaseResult {
  name: string;
  requested: number;
  completed: number;
  byCode: Record<string, number>;
  requestsPerSecond: number;
  latency: LatencyStats;
}

const runs: ClosedLoopResult[][] = cases.map(() => []);
try {
  // Warm-up: connections, JIT, grpc-js channel state.
  for (const c of cases) await runClosedLoop({ total: Math.min(300, Math.ceil(total / 10)), concurrency, budgetMs: 20_000 }, c.call);
  for (let round = 0; round < rounds; round += 1) {
    for (const [i, c] of cases.entries()) runs[i]?.push(await runClosedLoop({ total: Math.ceil(total / rounds), concurrency, budgetMs }, c.call));
  }
} finally {
  for (const c of cases) c.close?.();
  await stack.close();
}

const results: CaseResult[] = cases.map((c, i) => {
  const caseRuns = runs[i] ?? [];
  const byCode: Record<string, number> = {};
  for (const run of caseRuns) for (const [code, n] of Object.entries(run.byCode)) byCode[code] = (byCode[code] ?? 0) + n;
  return {
    name: c.name,
    requested: Math.ceil(total / rounds) * rounds,
    completed: caseRuns.reduce((n, run) => n + run.completed, 0),
    byCode,
    requestsPerSecond: median(caseRuns.map((run) => (run.completed / run.wallMs) * 1000)),
    latency: latencyStats(caseRuns.flatMap((run) => run.okLatenciesMs)),
  };
});
const base = results[0] as CaseResult;
const report = {
  requests: total,
  rounds,
  concurrency,
  payloadBytes: page.length,
  machine,
  cases: results.map((r) => ({
    ...r,
    overheadP50Ms: r.latency.p50Ms - base.latency.p50Ms,
    overheadP99Ms: r.latency.p99Ms - base.latency.p99Ms,
  })),
};

if (args.json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const errors = (codes: Record<string, number>): string =>
    Object.entries(codes).filter(([code]) => code !== "OK").map(([code, n]) => `${code} x${n}`).join(", ") || "0";
  const signed = (ms: number): string => `${ms >= 0 ? "+" : ""}${fixed(ms, 2)}`;
  const rows = report.cases.map((r) => [
    r.name,
    r.completed,
    errors(r.byCode),
    fixed(r.requestsPerSecond, 0),
    fixed(r.latency.meanMs, 2),
    fixed(r.latency.p50Ms, 2),
    fixed(r.latency.p99Ms, 2),
    r === report.cases[0] ? "-" : signed(r.overheadP50Ms),
    r === report.cases[0] ? "-" : signed(r.overheadP99Ms),
  ]);
  process.stdout.write(
    [
      `gateway overhead benchmark: ClassifyDocument with a ${page.length}-byte inline PNG, fake backend handler, ${total} requests per case in ${rounds} interleaved round(s) at concurrency ${concurrency} after a warm-up; client, gateway and backend in one process`,
      `machine: ${report.machine}`,
      "",
      formatTable(["case", "done", "errors", "req/s", "mean ms", "p50 ms", "p99 ms", "p50 overhead", "p99 overhead"], rows),
      "",
    ].join("\n"),
  );
}
