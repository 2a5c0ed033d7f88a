/**
 * Classify benchmark: every corpus document through ClassifyDocument, then accuracy, a confusion
 * matrix, expected calibration error and latency.
 *
 *   node --import tsx bench/classify/run.ts --corpus ../shared/corpus                 # in-process, CPU engine
 *   node --import tsx bench/classify/run.ts --corpus ../shared/corpus --engine fake-vlm
 *   node --import tsx bench/classify/run.ts --corpus ../shared/corpus --engine vlm --vlm-url http://gpu:8000/v1
 *   node --import tsx bench/classify/run.ts --corpus ../shared/corpus --url http://localhost:8080 --api-key K
 *
 * --dump FILE writes one JSON line per classified page, {id, page, label, logprobs, temperature},
 * for scripts/calibrate-classifier.ts. `logprobs` are the page's class scores as log-probabilities
 * keyed by model label; scores are softmax(logprob / T), so their logs are the logits / T up to a
 * constant and the calibration script multiplies the fitted T by `temperature` (--temperature in
 * process, --server-temperature for a gateway).
 */
import { createWriteStream, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { create } from "@bufbuild/protobuf";
import { ConnectError } from "@connectrpc/connect";
import { documentTypeLabel } from "@docproc/common";
import { ClassifyDocumentRequestSchema, ConfidenceSource } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { classLabelFor } from "../../services/classify/src/vlm/class-labels.js";
import { formatReport, type BenchResult } from "./bench-report.js";
import { createBenchClient, type EngineChoice } from "./bench-client.js";
import { loadCorpus } from "./load-corpus.js";

const { values: args } = parseArgs({
  options: {
    corpus: { type: "string" },
    url: { type: "string" },
    "api-key": { type: "string" },
    engine: { type: "string", default: "cpu" },
    "vlm-url": { type: "string" },
    "vlm-model": { type: "string", default: "Qwen/Qwen2.5-VL-7B-Instruct" },
    temperature: { type: "string", default: "1" },
    "server-temperature": { type: "string", default: "1" },
    "max-pages": { type: "string", default: "3" },
    "timeout-ms": { type: "string", default: "180000" },
    limit: { type: "string" },
    degraded: { type: "boolean", default: false },
    dump: { type: "string" },
  },
});

if (!args.corpus) {
  process.stderr.write("usage: run.ts --corpus DIR [--url URL --api-key K | --engine cpu|vlm|fake-vlm] [--dump FILE]\n");
  process.exit(2);
}
const engine = args.engine as EngineChoice;
if (!["cpu", "vlm", "fake-vlm"].includes(engine)) throw new Error(`--engine must be cpu, vlm or fake-vlm, got ${engine}`);

const documents = loadCorpus(args.corpus, { degraded: args.degraded }).slice(0, args.limit ? Number(args.limit) : undefined);
const client = await createBenchClient({
  ...(args.url ? { gatewayUrl: args.url } : {}),
  ...(args["api-key"] ? { apiKey: args["api-key"] } : {}),
  engine,
  ...(args["vlm-url"] ? { vlmUrl: args["vlm-url"] } : {}),
  vlmModel: args["vlm-model"]!,
  temperature: Number(args.temperature),
  maxPages: Number(args["max-pages"]),
  timeoutMs: Number(args["timeout-ms"]),
});
const dumpTemperature = args.url ? Number(args["server-temperature"]) : Number(args.temperature);
const dump = args.dump ? createWriteStream(args.dump) : undefined;

process.stdout.write(`classify benchmark: ${documents.length} documents, ${client.description}${args.degraded ? ", degraded page-1 copies" : ""}\n`);
const results: BenchResult[] = [];
for (const document of documents) {
  client.fakeVlm?.answerAs(document.truth, document.id);
  const request = create(ClassifyDocumentRequestSchema, {
    document: { sources: document.pagePaths.map((path) => ({ source: { case: "content" as const, value: new Uint8Array(readFileSync(path)) } })) },
  });
  const started = performance.now();
  const base = { id: document.id, truth: document.truth, accepted: document.accepted };
  try {
    const response = await client.classify(request);
    const wallMs = performance.now() - started;
    results.push({
      ...base,
      predicted: response.documentType,
      confidence: response.confidence,
      confidenceSource: response.confidenceSource,
      pagesDisagree: response.pagesDisagree,
      wallMs,
      serverMs: Number(response.latencyMs),
    });
    for (const page of response.pages) {
      if (!dump || page.scores.length === 0 || response.confidenceSource === ConfidenceSource.NONE) continue;
      const logprobs = Object.fromEntries(page.scores.map((score) => [classLabelFor(score.documentType), Math.log(Math.max(score.score, 1e-12))]));
      dump.write(`${JSON.stringify({ id: document.id, page: page.pageIndex, label: documentTypeLabel(document.truth), logprobs, temperature: dumpTemperature })}\n`);
    }
    const mark = response.documentType === document.truth || document.accepted.includes(response.documentType) ? "ok " : "BAD";
    process.stdout.write(`${mark} ${document.id.padEnd(34)} ${documentTypeLabel(response.documentType).padEnd(22)} ${response.confidence.toFixed(3)} ${wallMs.toFixed(0)} ms\n`);
  } catch (error) {
    const message = ConnectError.from(error).message;
    results.push({ ...base, confidence: 0, pagesDisagree: false, wallMs: performance.now() - started, serverMs: 0, error: message });
    process.stdout.write(`ERR ${document.id.padEnd(34)} ${message}\n`);
  }
}
await client.close();
if (dump) await new Promise<void>((resolve) => dump.end(resolve));

process.stdout.write(`\n${client.description}\n${formatReport(results).join("\n")}\n`);
if (args.dump) process.stdout.write(`\npage log-probabilities written to ${args.dump} (for scripts/calibrate-classifier.ts)\n`);
