// Page-parallel speed-up of the dots.ocr extract engine: one document of N
// pages read against a fake model server with a fixed latency per page and a
// bounded capacity, sequentially (page concurrency 1) and in parallel, versus
// a one-page document. No corpus needed; all traffic stays on 127.0.0.1.
//   node --import tsx bench/pages/run.ts [--pages 10] [--latency-ms 400]
//     [--capacity 8] [--page-concurrency 16] [--runs 3] [--json]
import { parseArgs } from "node:util";
import { PageStatus, PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { createPageLoader } from "@docproc/ingest";
import { createDotsOcrEngine } from "../../services/extract/src/vlm/dots-ocr-engine.js";
import { startFakeVlmServer } from "../support/fake-vlm-server.js";
import { fixed, median } from "../support/latency-stats.js";
import { machineInfo } from "../support/machine-info.js";
import { formatTable, section } from "../support/text-table.js";
import { renderTestPagePng } from "../support/test-page-png.js";

const { values: args } = parseArgs({
  options: {
    pages: { type: "string", default: "10" },
    "latency-ms": { type: "string", default: "400" },
    capacity: { type: "string", default: "8" },
    "page-concurrency": { type: "string", default: "16" },
    runs: { type: "string", default: "3" },
    json: { type: "boolean", default: false },
  },
});
const pageCount = Math.min(100, Math.max(2, Number(args.pages)));
const latencyMs = Math.min(10_000, Math.max(1, Number(args["latency-ms"])));
const capacity = Math.max(0, Number(args.capacity));
const parallel = Math.min(64, Math.max(1, Number(args["page-concurrency"])));
const runs = Math.min(10, Math.max(1, Number(args.runs)));

const MODEL = "bench-dots-ocr";
const MIB = 1024 * 1024;
const machine = machineInfo(); // before this benchmark loads the CPU

interface Scenario {
  name: string;
  pages: number;
  pageConcurrency: number;
}
interface ScenarioResult extends Scenario {
  runsMs: number[];
  medianMs: number;
  /** The wall time a perfect scheduler would need: rounds of min(concurrency, capacity) pages. */
  idealMs: number;
  maxInModel: number;
  failedPages: number;
}

const scenarios: Scenario[] = [
  { name: "1 page", pages: 1, pageConcurrency: parallel },
  { name: `${pageCount} pages, sequential`, pages: pageCount, pageConcurrency: 1 },
  { name: `${pageCount} pages, parallel`, pages: pageCount, pageConcurrency: parallel },
];

const pngs = await Promise.all(Array.from({ length: pageCount }, (_, i) => renderTestPagePng({ width: 1700, height: 2200, seed: i })));
const fake = await startFakeVlmServer({ classifyModel: "unused", extractModel: MODEL, latencyMs, capacity });
const loader = createPageLoader({
  fetchTimeoutMs: 10_000,
  fetchMaxBytes: 50 * MIB,
  maxPages: 100,
  maxPixelsPerPage: 80_000_000,
  allowPrivateNetworks: false,
  allowHttp: false,
});

/** One document through the engine, load included (as the extract handler does); returns wall ms and failed pages. */
async function readDocument(engine: ReturnType<typeof createDotsOcrEngine>, pages: number): Promise<{ ms: number; failed: number }> {
  const started = performance.now();
  const signal = AbortSignal.timeout(120_000);
  const document = await loader.load(pngs.slice(0, pages).map((content) => ({ content })), undefined, signal);
  try {
    const results = await engine.readPages({ pages: document.pages, promptMode: PromptMode.LAYOUT_ALL }, signal);
    return { ms: performance.now() - started, failed: results.filter((r) => r.status === PageStatus.FAILED).length };
  } finally {
    await document.close();
  }
}

const results: ScenarioResult[] = [];
try {
  for (const scenario of scenarios) {
    const engine = createDotsOcrEngine({ baseUrl: fake.url, model: MODEL, timeoutMs: 60_000, maxCompletionTokens: 2048, pageConcurrency: scenario.pageConcurrency });
    await readDocument(engine, 1); // warm-up: connections, sharp, pdf-free image path
    fake.gate.resetPeaks();
    const runsMs: number[] = [];
    let failedPages = 0;
    for (let run = 0; run < runs; run += 1) {
      const { ms, failed } = await readDocument(engine, scenario.pages);
      runsMs.push(ms);
      failedPages += failed;
    }
    const width = Math.min(scenario.pageConcurrency, capacity > 0 ? capacity : Number.POSITIVE_INFINITY);
    results.push({
      ...scenario,
      runsMs,
      medianMs: median(runsMs),
      idealMs: Math.ceil(scenario.pages / width) * latencyMs,
      maxInModel: fake.gate.maxInService,
      failedPages,
    });
    await engine.close();
  }
} finally {
  await fake.close();
}

const [one, sequential, concurrent] = results as [ScenarioResult, ScenarioResult, ScenarioResult];
const speedups = {
  parallelVsSequential: sequential.medianMs / concurrent.medianMs,
  parallelVsOnePage: concurrent.medianMs / one.medianMs,
  sequentialVsOnePage: sequential.medianMs / one.medianMs,
};
const report = { machine, pages: pageCount, latencyMs, capacity, pageConcurrency: parallel, runs, scenarios: results, speedups };

if (args.json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const rows = results.map((r) => [
    r.name,
    r.pages,
    r.pageConcurrency,
    fixed(r.medianMs, 0),
    fixed(Math.min(...r.runsMs), 0),
    fixed(r.idealMs, 0),
    fixed((r.pages / r.medianMs) * 1000, 2),
    r.maxInModel,
    r.failedPages,
  ]);
  process.stdout.write(
    [
      `page-parallel benchmark: dots.ocr engine against a fake model server (${latencyMs} ms per page, capacity ${capacity > 0 ? capacity : "unlimited"}), median of ${runs} run(s) after a warm-up`,
      `machine: ${report.machine}`,
      section(
        "wall time per document (page load and image preparation included)",
        formatTable(["scenario", "pages", "page conc.", "median ms", "min ms", "ideal ms", "pages/s", "max in model", "failed"], rows),
      ),
      section(
        "speed-ups",
        [
          `  ${pageCount} pages parallel vs sequential: ${fixed(speedups.parallelVsSequential, 2)}x faster`,
          `  ${pageCount} pages parallel vs 1 page:     ${fixed(speedups.parallelVsOnePage, 2)}x the time of one page`,
          `  ${pageCount} pages sequential vs 1 page:   ${fixed(speedups.sequentialVsOnePage, 2)}x the time of one page`,
        ].join("\n"),
      ),
      "",
    ].join("\n"),
  );
}
