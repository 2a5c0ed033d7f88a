// End-to-end accuracy: every corpus document through the running stack
// (gateway -> classify + extract, CPU engines by default) with
// DocumentService.ProcessDocument over Connect/HTTP 1.1. Prints classification
// accuracy with confusion matrices (synthetic, degraded copies, external),
// field precision/recall/F1 per type, pages/s, latency and peak RSS.
//   node --import tsx bench/accuracy/run.ts [--corpus ../shared/corpus]
//     [--concurrency 2] [--sets clean,degraded,external] [--pdf] [--skip-classify]
//     [--filter <regex>] [--engine cpu|vlm] [--ocr-workers N] [--timeout-s 300]
//     [--budget-min 90] [--gateway <url> (key in DOCPROC_API_KEY)] [--json] [--verbose]
import { parseArgs } from "node:util";
import { createClient } from "@connectrpc/connect";
import { DocumentService } from "@docproc/gen/docproc/v1/document_service_pb.js";
import { machineInfo } from "../support/machine-info.js";
import { requireCorpusFile, resolveCorpus } from "../support/repo-paths.js";
import { runPool } from "../support/run-pool.js";
import { type Stack, startStack, stopStackOnSignals } from "../support/start-stack.js";
import { createTransport } from "../support/transports.js";
import { loadTasks, SETS, type SetName } from "./corpus-tasks.js";
import { type AccuracyReport, formatAccuracyReport } from "./format-report.js";
import { processTask, type TaskOutcome } from "./process-task.js";
import { type SetSummary, summarizeSet } from "./summarize-set.js";

const { values: args } = parseArgs({
  options: {
    corpus: { type: "string" },
    concurrency: { type: "string", default: "2" },
    sets: { type: "string", default: SETS.join(",") },
    pdf: { type: "boolean", default: false },
    "skip-classify": { type: "boolean", default: false },
    filter: { type: "string" },
    engine: { type: "string", default: "cpu" },
    "ocr-workers": { type: "string" },
    "timeout-s": { type: "string", default: "300" },
    "budget-min": { type: "string", default: "90" },
    gateway: { type: "string" },
    json: { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
  },
});
const machine = machineInfo(); // before the stack loads the CPU
const root = resolveCorpus(args.corpus);
requireCorpusFile(root, "corpus");
const sets = args.sets.split(",").map((s) => s.trim()).filter((s): s is SetName => (SETS as readonly string[]).includes(s));
const concurrency = Math.min(16, Math.max(1, Number(args.concurrency)));
const timeoutMs = Math.min(600, Math.max(10, Number(args["timeout-s"]))) * 1000;
const budgetMs = Math.min(24 * 60, Math.max(1, Number(args["budget-min"]))) * 60_000;
if (args.engine !== "cpu" && args.engine !== "vlm") throw new Error("--engine must be cpu or vlm");

const { tasks, missing } = await loadTasks({ root, sets, pdf: args.pdf, ...(args.filter ? { filter: new RegExp(args.filter) } : {}) });
if (tasks.length === 0) {
  process.stdout.write(`no corpus documents found under ${root}${missing.length ? ` (missing: ${missing.join(", ")})` : ""}; nothing to benchmark.\n`);
  process.exit(0);
}

/** Engine variables for the started stack: CPU by default; with --engine vlm the *_VLM_* variables of this shell are passed on. */
function stackEnv(): Record<string, string> {
  const env: Record<string, string> = { CLASSIFY_ENGINE: args.engine, EXTRACT_ENGINE: args.engine };
  if (args["ocr-workers"]) env["OCR_WORKERS"] = String(Math.max(1, Number(args["ocr-workers"])));
  if (args.engine === "vlm") {
    for (const [key, value] of Object.entries(process.env)) if (/^(CLASSIFY|EXTRACT)_VLM_/.test(key) && value) env[key] = value;
  }
  return env;
}

let stack: Stack | undefined;
let baseUrl: string;
let apiKey: string;
if (args.gateway) {
  baseUrl = args.gateway;
  apiKey = process.env["DOCPROC_API_KEY"] ?? "";
} else {
  process.stderr.write(`starting classify, extract and gateway (${args.engine} engines)...\n`);
  stack = await startStack({ env: stackEnv(), baseEnv: process.env });
  stopStackOnSignals(stack);
  baseUrl = stack.baseUrl;
  apiKey = stack.apiKey;
  process.stderr.write(`stack ready at ${baseUrl} (logs in ${stack.logDir})\n`);
}

const client = createClient(DocumentService, createTransport("connect-h1", baseUrl, apiKey));
const summaries: SetSummary[] = [];
const startedMs = Date.now();
try {
  for (const set of sets) {
    const setTasks = tasks.filter((t) => t.set === set);
    if (setTasks.length === 0) continue;
    const setStarted = performance.now();
    const outcomes = await runPool(
      setTasks,
      { concurrency, budgetMs: Math.max(0, budgetMs - (Date.now() - startedMs)) },
      async (task) => {
        const outcome = await processTask(client, task, { timeoutMs, skipClassify: args["skip-classify"] });
        const answer = outcome.error ? `FAILED ${outcome.error}` : outcome.predicted;
        process.stderr.write(`  [${set}] ${task.id}: ${task.docType} -> ${answer} (${(outcome.latencyMs / 1000).toFixed(1)} s)\n`);
        return outcome;
      },
    );
    const done = outcomes.flatMap((o): TaskOutcome[] => (o.status === "done" ? [o.value] : []));
    summaries.push(summarizeSet(set, setTasks, done, performance.now() - setStarted));
  }
} finally {
  await stack?.stop();
}

const report: AccuracyReport = {
  machine,
  stack: stack ? `started by the benchmark (${args.engine} engines)` : baseUrl,
  concurrency,
  skipClassify: args["skip-classify"],
  pdf: args.pdf,
  sets: summaries,
  ...(stack
    ? {
        peakRssMiB: Object.fromEntries(Object.entries(stack.rss.peakBytes()).map(([s, b]) => [s, b / (1024 * 1024)])),
        exited: stack.exited() as Record<string, string>,
      }
    : {}),
  missing,
};
process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatAccuracyReport(report, args.verbose));
