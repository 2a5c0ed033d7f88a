// Extract benchmark: replays the synthetic corpus's simulated dots.ocr outputs
// through the real extract pipeline and scores the typed fields against
// truth.json. Usage:
//   node --import tsx bench/extract/run.ts --corpus ../shared/corpus/synthetic
//     [--json] [--verbose] [--direct] [--filter <regex on doc id>]
//     [--doc-concurrency N] [--page-concurrency N]
// --direct calls the engine and transformer without the gRPC server.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { toJson } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { parseDocumentTypeLabel } from "@docproc/common";
import { PageStatus } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { TypedDocumentSchema } from "@docproc/gen/docproc/v1/typed_document_pb.js";
import { type CorpusDocument, loadCorpus, startCorpusModelServer } from "./corpus-model.js";
import { createPipeline, type PipelineResult } from "./pipelines.js";
import { type BenchReport, formatReport } from "./report.js";
import { type DocumentScore, type JsonObject, scoreDocument, summarize } from "./score.js";

const { values: args } = parseArgs({
  options: {
    corpus: { type: "string", default: "../shared/corpus/synthetic" },
    json: { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
    direct: { type: "boolean", default: false },
    filter: { type: "string" },
    "doc-concurrency": { type: "string", default: "4" },
    "page-concurrency": { type: "string", default: "16" },
  },
});

const MODEL = "dots-ocr-bench";
const root = resolve(args.corpus);
const docs = await loadCorpus(root, args.filter ? new RegExp(args.filter) : undefined);
if (docs.length === 0) throw new Error(`no documents in ${root}`);
const model = await startCorpusModelServer(root, docs, MODEL);
const pipeline = await createPipeline(
  { modelBaseUrl: model.server.url, model: MODEL, pageConcurrency: Number(args["page-concurrency"]), logLevel: args.verbose ? "warn" : "silent" },
  args.direct,
);

/** Documents run a few at a time; each document's pages run in parallel inside the engine. */
async function runAll(): Promise<Map<string, PipelineResult>> {
  const results = new Map<string, PipelineResult>();
  const queue = [...docs];
  const worker = async (): Promise<void> => {
    for (let doc = queue.shift(); doc; doc = queue.shift()) {
      const type = parseDocumentTypeLabel(doc.docType);
      if (type === undefined) throw new Error(`${doc.id}: unknown doc_type ${doc.docType}`);
      results.set(doc.id, await pipeline.run(doc.pages, type));
      model.server.reset(); // drop the recorded request bodies (they hold the page images)
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Number(args["doc-concurrency"])) }, worker));
  return results;
}

const started = performance.now();
const results = await runAll();
const seconds = (performance.now() - started) / 1000;

const report: BenchReport = {
  pipeline: pipeline.kind,
  typedFieldsScored: pipeline.hasTransformer,
  documents: docs.length,
  pages: docs.reduce((n, d) => n + d.pages.length, 0),
  seconds,
  pagesPerSecond: docs.reduce((n, d) => n + d.pages.length, 0) / seconds,
  pageStatus: { ok: 0, repaired: 0, failed: 0 },
  unmatchedModelRequests: model.unmatched,
  errorsByDocType: {},
};
const scores: DocumentScore[] = [];
const mismatches: Record<string, string[]> = {};
for (const doc of docs as CorpusDocument[]) {
  const result = results.get(doc.id) as PipelineResult;
  const errors = (report.errorsByDocType[doc.docType] ??= { failedPages: 0, callErrors: {} });
  if (result.error) {
    const code = Code[result.error.code] ?? String(result.error.code);
    errors.callErrors[code] = (errors.callErrors[code] ?? 0) + 1;
    report.pageStatus.failed += doc.pages.length;
  }
  for (const page of result.pages) {
    if (page.status === PageStatus.FAILED) {
      report.pageStatus.failed += 1;
      errors.failedPages += 1;
    } else if (page.status === PageStatus.REPAIRED) report.pageStatus.repaired += 1;
    else report.pageStatus.ok += 1;
  }
  if (pipeline.hasTransformer) {
    const typed = result.fields ? (toJson(TypedDocumentSchema, result.fields, { useProtoFieldName: true }) as JsonObject) : undefined;
    const score = scoreDocument(doc.truth, typed);
    scores.push(score);
    mismatches[doc.id] = score.mismatches.map((m) => `${m.field} (${m.problem})`);
  }
}
if (pipeline.hasTransformer) {
  report.scores = summarize(scores);
  report.mismatches = mismatches;
}

await pipeline.close();
await model.close();
process.stdout.write(`${args.json ? JSON.stringify(report, null, 2) : formatReport(report, args.verbose)}\n`);
