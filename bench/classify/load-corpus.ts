import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocumentTypeLabel } from "@docproc/common";
import type { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";

/** One labelled document of the benchmark corpus. */
export interface BenchDocument {
  id: string;
  set: "synthetic" | "external";
  truth: DocumentType;
  /** Other labels that count as right (external manifest's accept_doc_types). */
  accepted: DocumentType[];
  /** Page image paths, in order. */
  pagePaths: string[];
}

interface SyntheticEntry {
  id: string;
  doc_type: string;
  files: string[];
  degraded?: { file: string };
}

interface ExternalEntry {
  id: string;
  doc_type: string;
  accept_doc_types?: string[];
  files: { page_images: string[] };
}

function typeOf(label: string, where: string): DocumentType {
  const type = parseDocumentTypeLabel(label);
  if (type === undefined) throw new Error(`${where}: unknown doc_type ${JSON.stringify(label)}`);
  return type;
}

/**
 * Reads synthetic/manifest.json and external/manifest.json under `root` (either may be missing).
 * With `degraded`, a synthetic document that has a phone/scan-quality copy of page 1 uses it.
 */
export function loadCorpus(root: string, options: { degraded?: boolean } = {}): BenchDocument[] {
  const documents: BenchDocument[] = [];
  const syntheticManifest = join(root, "synthetic", "manifest.json");
  if (existsSync(syntheticManifest)) {
    const entries = JSON.parse(readFileSync(syntheticManifest, "utf8")) as SyntheticEntry[];
    for (const entry of entries) {
      const pages = entry.files.filter((file) => /page-\d+\.png$/.test(file)).sort((a, b) => pageNumber(a) - pageNumber(b));
      if (options.degraded && entry.degraded && pages.length > 0) pages[0] = entry.degraded.file;
      documents.push({
        id: entry.id,
        set: "synthetic",
        truth: typeOf(entry.doc_type, entry.id),
        accepted: [],
        pagePaths: pages.map((file) => join(root, "synthetic", file)),
      });
    }
  }
  const externalManifest = join(root, "external", "manifest.json");
  if (existsSync(externalManifest)) {
    const entries = JSON.parse(readFileSync(externalManifest, "utf8")) as ExternalEntry[];
    for (const entry of entries) {
      documents.push({
        id: entry.id,
        set: "external",
        truth: typeOf(entry.doc_type, entry.id),
        accepted: (entry.accept_doc_types ?? []).map((label) => typeOf(label, entry.id)),
        pagePaths: entry.files.page_images.map((file) => join(root, "external", file)),
      });
    }
  }
  if (documents.length === 0) throw new Error(`no manifest.json under ${root}/synthetic or ${root}/external`);
  return documents;
}

function pageNumber(file: string): number {
  return Number(/page-(\d+)\./.exec(file)?.[1] ?? 0);
}
