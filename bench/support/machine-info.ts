import { availableParallelism, cpus, loadavg, totalmem } from "node:os";

/**
 * One line describing where the figures come from: CPU count and model,
 * memory, Node version, and the 1/5/15-minute load average at the time of
 * the call (a busy machine explains noisy figures).
 */
export function machineInfo(): string {
  const model = cpus()[0]?.model.replace(/\s+/g, " ").trim() ?? "unknown CPU";
  const load = loadavg().map((v) => v.toFixed(2)).join(" / ");
  return `${availableParallelism()} CPU(s) (${model}), ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, load average ${load}`;
}
