import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (bench/support/../..). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The default corpus, a sibling of the work tree: /work/shared/corpus next to /work/main. */
export const DEFAULT_CORPUS = "../shared/corpus";

/** A --corpus argument resolved against the repository root (not the cwd, so npm scripts and direct runs agree). */
export function resolveCorpus(arg: string | undefined): string {
  const path = arg ?? DEFAULT_CORPUS;
  return isAbsolute(path) ? path : resolve(REPO_ROOT, path);
}

/**
 * Ends the benchmark politely when the corpus (or a part of it) is missing:
 * a clear message and exit code 0, because a missing corpus is a setup
 * matter, not a failure of the code under test.
 */
export function requireCorpusFile(path: string, what: string): void {
  if (existsSync(path)) return;
  process.stdout.write(`${what} not found at ${path}; nothing to benchmark (pass --corpus <dir>).\n`);
  process.exit(0);
}
