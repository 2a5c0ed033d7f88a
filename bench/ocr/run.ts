// CPU OCR speed and word recall: seconds per page of the tesseract.js engine
// on a fixed set of corpus pages (median of N runs after a warm-up), the same
// pages through the native tesseract CLI when it is installed, and the
// bag-of-words recall against page-N.text.txt. Pages are prepared exactly as
// the CPU engines prepare them (ingest's prepareForOcr).
//   node --import tsx bench/ocr/run.ts [--corpus ../shared/corpus] [--runs 3] [--json]
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createPageLoader, prepareForOcr } from "@docproc/ingest";
import { createOcrEngine, probeTesseractCli, type OcrEngine } from "@docproc/ocr";
import { fixed, median, percent } from "../support/latency-stats.js";
import { machineInfo } from "../support/machine-info.js";
import { requireCorpusFile, resolveCorpus } from "../support/repo-paths.js";
import { formatTable } from "../support/text-table.js";
import { wordAgreement } from "./word-recall.js";

const { values: args } = parseArgs({
  options: {
    corpus: { type: "string" },
    runs: { type: "string", default: "3" },
    json: { type: "boolean", default: false },
  },
});
const runs = Math.min(10, Math.max(1, Number(args.runs)));
const machine = machineInfo(); // before this benchmark loads the CPU
const synthetic = join(resolveCorpus(args.corpus), "synthetic");
requireCorpusFile(join(synthetic, "manifest.json"), "synthetic corpus manifest");

interface ManifestEntry {
  id: string;
  doc_type: string;
  degraded?: { file: string };
}
interface BenchPage {
  name: string;
  file: string;
  textFile: string;
}

/** One page per kind: the first document of each type, and the first degraded copy of a letter-size form. */
function selectPages(manifest: readonly ManifestEntry[]): BenchPage[] {
  const firstOf = (type: string): ManifestEntry | undefined => manifest.find((entry) => entry.doc_type === type);
  const pages: BenchPage[] = [];
  for (const [name, type] of [["W-2", "W2"], ["invoice", "invoice"], ["receipt", "receipt"], ["bank statement", "bank_statement"]] as const) {
    const entry = firstOf(type);
    if (entry) pages.push({ name: `${name} (${entry.id})`, file: join(synthetic, entry.id, "page-1.png"), textFile: join(synthetic, entry.id, "page-1.text.txt") });
  }
  const degraded =
    manifest.find((e) => e.degraded && /^(W2|1099|1098)/.test(e.doc_type)) ?? manifest.find((e) => e.degraded);
  if (degraded?.degraded) {
    pages.push({ name: `degraded JPEG (${degraded.id})`, file: join(synthetic, degraded.degraded.file), textFile: join(synthetic, degraded.id, "page-1.text.txt") });
  }
  return pages;
}

/** The PNG the CPU engines hand to OCR for this file. */
async function preparePage(file: string): Promise<Buffer> {
  const loader = createPageLoader({ fetchTimeoutMs: 10_000, fetchMaxBytes: 50 * 1024 * 1024, maxPages: 10, maxPixelsPerPage: 80_000_000, allowPrivateNetworks: false, allowHttp: false });
  const document = await loader.load([{ content: await readFile(file) }], undefined);
  try {
    const decoded = await (document.pages[0] as NonNullable<(typeof document.pages)[0]>).decode();
    return (await prepareForOcr(decoded)).png;
  } finally {
    await document.close();
  }
}

interface EngineResult {
  engine: string;
  /** Median seconds per page, by page name. */
  secondsPerPage: Record<string, number>;
  recall: Record<string, number>;
  precision: Record<string, number>;
}

async function measure(engine: OcrEngine, pages: BenchPage[], prepared: Map<string, Buffer>): Promise<EngineResult> {
  const result: EngineResult = { engine: engine.id, secondsPerPage: {}, recall: {}, precision: {} };
  await engine.warmup();
  for (const page of pages) {
    const png = prepared.get(page.name) as Buffer;
    const truth = await readFile(page.textFile, "utf8");
    const first = await engine.recognize(png, AbortSignal.timeout(300_000)); // warm-up on this page, also scored
    const agreement = wordAgreement(truth, first.text);
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      await engine.recognize(png, AbortSignal.timeout(300_000));
      times.push((performance.now() - started) / 1000);
    }
    result.secondsPerPage[page.name] = median(times);
    result.recall[page.name] = agreement.recall;
    result.precision[page.name] = agreement.precision;
    if (!args.json) process.stderr.write(`  ${engine.id}: ${page.name} ${fixed(median(times), 2)} s\n`);
  }
  return result;
}

const manifest = JSON.parse(await readFile(join(synthetic, "manifest.json"), "utf8")) as ManifestEntry[];
const pages = selectPages(manifest);
const prepared = new Map<string, Buffer>();
for (const page of pages) prepared.set(page.name, await preparePage(page.file));

const results: EngineResult[] = [];
const js = await createOcrEngine({ workers: 1, preferNative: false });
try {
  results.push(await measure(js, pages, prepared));
} finally {
  await js.close();
}
const probe = await probeTesseractCli("tesseract", process.env);
if (probe) {
  // createOcrEngine picks the CLI when it is usable; it sets OMP_THREAD_LIMIT=1 and --psm 4 like the service.
  const native = await createOcrEngine({ workers: 1, preferNative: true });
  try {
    results.push(await measure(native, pages, prepared));
  } finally {
    await native.close();
  }
}

const [jsResult, nativeResult] = results as [EngineResult, EngineResult | undefined];
const report = {
  machine,
  runs,
  pages: pages.map((p) => p.name),
  engines: results,
  nativeInstalled: probe !== undefined,
  jsOverNativeRatio: nativeResult
    ? Object.fromEntries(pages.map((p) => [p.name, (jsResult.secondsPerPage[p.name] ?? NaN) / (nativeResult.secondsPerPage[p.name] ?? NaN)]))
    : undefined,
};

if (args.json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const header = ["page", `${jsResult.engine} s/page`, "word recall", "word precision"];
  if (nativeResult) header.push(`${nativeResult.engine} s/page`, "word recall", "js/native");
  const rows = pages.map((p) => {
    const row = [p.name, fixed(jsResult.secondsPerPage[p.name], 2), percent(jsResult.recall[p.name]), percent(jsResult.precision[p.name])];
    if (nativeResult) row.push(fixed(nativeResult.secondsPerPage[p.name], 2), percent(nativeResult.recall[p.name]), fixed(report.jsOverNativeRatio?.[p.name], 2));
    return row;
  });
  const mean = (values: Record<string, number>): number => Object.values(values).reduce((a, b) => a + b, 0) / Math.max(1, Object.values(values).length);
  const meanRow = ["mean", fixed(mean(jsResult.secondsPerPage), 2), percent(mean(jsResult.recall)), percent(mean(jsResult.precision))];
  if (nativeResult) meanRow.push(fixed(mean(nativeResult.secondsPerPage), 2), percent(mean(nativeResult.recall)), fixed(mean(jsResult.secondsPerPage) / mean(nativeResult.secondsPerPage), 2));
  rows.push(meanRow);
  process.stdout.write(
    [
      `CPU OCR benchmark: one worker, median of ${runs} run(s) per page after a warm-up; pages prepared with prepareForOcr`,
      `machine: ${machine}`,
      "",
      formatTable(header, rows),
      nativeResult ? "" : "\nnative tesseract not installed: apt-get install tesseract-ocr tesseract-ocr-eng (then re-run for the js/native ratio)",
      "",
    ].join("\n"),
  );
}
