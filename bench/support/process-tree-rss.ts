import { readFileSync, readdirSync } from "node:fs";

/** VmRSS of one process in bytes, or undefined when it is gone (or /proc is absent). */
export function readRssBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The direct children of a process, from /proc/<pid>/task/<tid>/children (Linux 3.5+). */
function childPids(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
      try {
        return readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

/**
 * RSS of a process plus all its descendants, in bytes (undefined when the
 * process is gone). Descendants count because the native tesseract engine
 * runs one child process per page; tesseract.js workers are threads and are
 * already inside the parent's RSS. Shared pages are counted once per process,
 * so this is an upper bound.
 */
export function readTreeRssBytes(pid: number): number | undefined {
  const own = readRssBytes(pid);
  if (own === undefined) return undefined;
  let total = own;
  const seen = new Set([pid]);
  const queue = childPids(pid);
  while (queue.length > 0 && seen.size < 10_000) {
    const child = queue.shift() as number;
    if (seen.has(child)) continue;
    seen.add(child);
    total += readRssBytes(child) ?? 0;
    queue.push(...childPids(child));
  }
  return total;
}
