import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { TruthDocument } from "../extract/score.js";

export const SETS = ["clean", "degraded", "external"] as const;
export type SetName = (typeof SETS)[number];

/** One document to send through the gateway. */
export interface Task {
  set: SetName;
  id: string;
  /** The true label (REST spelling). */
  docType: string;
  /** Labels counted as correct: docType plus the manifest's accept_doc_types. */
  accept: string[];
  pages: number;
  /** The page sources in order (page images, or one PDF). */
  sources: Array<{ bytes: Buffer; mediaType: string }>;
  /** Synthetic documents: the field truth. */
  truth?: TruthDocument;
  /** External invoices: the source's labels and accepted alternatives. */
  expectedFields?: Record<string, unknown>;
  acceptValues?: Record<string, unknown[]>;
}

interface SyntheticEntry {
  id: string;
  doc_type: string;
  pages: number;
  degraded?: { file: string };
}

interface ExternalEntry {
  id: string;
  doc_type: string;
  accept_doc_types?: string[];
  pages: number;
  files: { page_images: string[] };
  expected_fields?: Record<string, unknown> | null;
  accept_values?: Record<string, unknown[]>;
}

export interface LoadOptions {
  /** The corpus root holding synthetic/ and external/. */
  root: string;
  sets: readonly SetName[];
  /** Multi-page synthetic documents as their document.pdf instead of page PNGs. */
  pdf: boolean;
  /** Only documents whose id matches. */
  filter?: RegExp;
}

const mediaTypeOf = (file: string): string => (/\.jpe?g$/i.test(file) ? "image/jpeg" : /\.pdf$/i.test(file) ? "application/pdf" : "image/png");

async function source(file: string): Promise<{ bytes: Buffer; mediaType: string }> {
  return { bytes: await readFile(file), mediaType: mediaTypeOf(file) };
}

async function syntheticTasks(dir: string, options: LoadOptions): Promise<Task[]> {
  const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as SyntheticEntry[];
  const tasks: Task[] = [];
  for (const entry of manifest) {
    if (options.filter && !options.filter.test(entry.id)) continue;
    const truth = JSON.parse(await readFile(join(dir, entry.id, "truth.json"), "utf8")) as TruthDocument;
    const base = { id: entry.id, docType: entry.doc_type, accept: [entry.doc_type], truth };
    if (options.sets.includes("clean")) {
      const pdf = join(dir, entry.id, "document.pdf");
      const sources =
        options.pdf && entry.pages > 1 && existsSync(pdf)
          ? [await source(pdf)]
          : await Promise.all(Array.from({ length: entry.pages }, (_, i) => source(join(dir, entry.id, `page-${i + 1}.png`))));
      tasks.push({ ...base, set: "clean", pages: entry.pages, sources });
    }
    if (options.sets.includes("degraded") && entry.degraded && entry.pages === 1) {
      tasks.push({ ...base, set: "degraded", pages: 1, sources: [await source(join(dir, entry.degraded.file))] });
    }
  }
  return tasks;
}

async function externalTasks(dir: string, options: LoadOptions): Promise<Task[]> {
  const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as ExternalEntry[];
  const tasks: Task[] = [];
  for (const entry of manifest) {
    if (options.filter && !options.filter.test(entry.id)) continue;
    tasks.push({
      set: "external",
      id: entry.id,
      docType: entry.doc_type,
      accept: [entry.doc_type, ...(entry.accept_doc_types ?? [])],
      pages: entry.files.page_images.length,
      sources: await Promise.all(entry.files.page_images.map((file) => source(join(dir, file)))),
      ...(entry.expected_fields ? { expectedFields: entry.expected_fields, acceptValues: entry.accept_values ?? {} } : {}),
    });
  }
  return tasks;
}

/**
 * The benchmark's documents, clean synthetic first, then the degraded
 * copies, then the external pages. A set whose manifest is missing is
 * skipped (and named in `missing`).
 */
export async function loadTasks(options: LoadOptions): Promise<{ tasks: Task[]; missing: string[] }> {
  const missing: string[] = [];
  const tasks: Task[] = [];
  const synthetic = join(options.root, "synthetic");
  if (options.sets.some((s) => s === "clean" || s === "degraded")) {
    if (existsSync(join(synthetic, "manifest.json"))) tasks.push(...(await syntheticTasks(synthetic, options)));
    else missing.push(join(synthetic, "manifest.json"));
  }
  const external = join(options.root, "external");
  if (options.sets.includes("external")) {
    if (existsSync(join(external, "manifest.json"))) tasks.push(...(await externalTasks(external, options)));
    else missing.push(join(external, "manifest.json"));
  }
  const order = (t: Task): number => SETS.indexOf(t.set);
  return { tasks: tasks.sort((a, b) => order(a) - order(b)), missing };
}
