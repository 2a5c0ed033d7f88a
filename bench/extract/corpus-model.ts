import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { prepareForDotsOcr } from "@docproc/ingest";
import sharp from "sharp";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "../../services/extract/test-support/fake-openai-server.js";

/** One corpus document as the benchmark uses it. */
export interface CorpusDocument {
  id: string;
  docType: string;
  /** The page PNGs, in order. */
  pages: Buffer[];
  truth: { id: string; doc_type: string; fields: Record<string, never> };
}

interface ManifestEntry {
  id: string;
  doc_type: string;
  pages: number;
  dotsocr: { imperfections: Array<{ page: number; kind: string }> };
}

const sha256 = (bytes: Buffer): string => createHash("sha256").update(bytes).digest("hex");

export async function loadCorpus(root: string, filter?: RegExp): Promise<CorpusDocument[]> {
  const manifest = JSON.parse(await readFile(join(root, "manifest.json"), "utf8")) as ManifestEntry[];
  const entries = manifest.filter((entry) => !filter || filter.test(entry.id));
  return Promise.all(
    entries.map(async (entry) => ({
      id: entry.id,
      docType: entry.doc_type,
      pages: await Promise.all(Array.from({ length: entry.pages }, (_, i) => readFile(join(root, entry.id, `page-${i + 1}.png`)))),
      truth: JSON.parse(await readFile(join(root, entry.id, "truth.json"), "utf8")) as CorpusDocument["truth"],
    })),
  );
}

/** A canned dots.ocr answer. */
interface Answer {
  content: string;
  finishReason: string;
}

/**
 * The answers keyed by sha256 of the PNG the engine will send: each corpus
 * page prepared exactly as the pipeline prepares it (prepareForDotsOcr on
 * the original PNG bytes, which is what the page loader hands over for a PNG).
 */
async function buildAnswerIndex(root: string, docs: readonly CorpusDocument[]): Promise<Map<string, Answer>> {
  const manifest = JSON.parse(await readFile(join(root, "manifest.json"), "utf8")) as ManifestEntry[];
  const index = new Map<string, Answer>();
  for (const doc of docs) {
    const entry = manifest.find((m) => m.id === doc.id);
    for (const [i, png] of doc.pages.entries()) {
      const { width = 0, height = 0 } = await sharp(png).metadata();
      const prepared = await prepareForDotsOcr({ index: i, width, height, dpi: 200, image: png });
      const truncated = entry?.dotsocr.imperfections.some((imp) => imp.page === i + 1 && imp.kind === "truncated") ?? false;
      index.set(sha256(prepared.png), {
        content: await readFile(join(root, doc.id, `page-${i + 1}.dotsocr.json`), "utf8"),
        finishReason: truncated ? "length" : "stop",
      });
    }
  }
  return index;
}

export interface CorpusModelServer {
  server: FakeOpenAiServer;
  model: string;
  /** Requests whose image matched no corpus page (answered with unusable output). */
  readonly unmatched: number;
  close(): Promise<void>;
}

/** A fake dots.ocr server that answers each page with that page's simulated output. */
export async function startCorpusModelServer(root: string, docs: readonly CorpusDocument[], model: string): Promise<CorpusModelServer> {
  const answers = await buildAnswerIndex(root, docs);
  let unmatched = 0;
  const server = await startFakeOpenAiServer({
    models: [model],
    handler: (body) => {
      const url = (body as { messages?: Array<{ content?: Array<{ image_url?: { url?: string } }> }> })?.messages?.[0]?.content?.[0]?.image_url?.url ?? "";
      const base64 = url.slice(url.indexOf(",") + 1);
      const answer = answers.get(sha256(Buffer.from(base64, "base64")));
      if (!answer) {
        unmatched += 1;
        return { kind: "completion", content: "no corpus page matches this image" };
      }
      return { kind: "completion", content: answer.content, finishReason: answer.finishReason };
    },
  });
  return {
    server,
    model,
    get unmatched() {
      return unmatched;
    },
    close: () => server.close(),
  };
}
