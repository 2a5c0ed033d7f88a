import { readTreeRssBytes } from "./process-tree-rss.js";

/** Samples the RSS of named processes on a timer and keeps each one's peak. */
export interface RssSampler {
  /** The highest RSS seen per name, in bytes (0 when never sampled). */
  peakBytes(): Record<string, number>;
  /** The latest sample per name, in bytes (0 when the process is gone). */
  currentBytes(): Record<string, number>;
  /** Forgets the peaks (e.g. after start-up, to measure one phase). */
  resetPeaks(): void;
  stop(): void;
}

export interface RssSamplerOptions {
  /** name → pid. */
  pids: Record<string, number>;
  /** Default 200 ms. */
  intervalMs?: number;
}

/**
 * Reads /proc/<pid>/status VmRSS (plus descendants) every intervalMs. On a
 * system without /proc every value stays 0.
 */
export function createRssSampler(options: RssSamplerOptions): RssSampler {
  const names = Object.keys(options.pids);
  const peaks: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  const current: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  const sample = (): void => {
    for (const name of names) {
      const bytes = readTreeRssBytes(options.pids[name] as number) ?? 0;
      current[name] = bytes;
      peaks[name] = Math.max(peaks[name] ?? 0, bytes);
    }
  };
  sample();
  const timer = setInterval(sample, options.intervalMs ?? 200);
  timer.unref();
  return {
    peakBytes: () => ({ ...peaks }),
    currentBytes: () => ({ ...current }),
    resetPeaks() {
      for (const name of names) peaks[name] = current[name] ?? 0;
    },
    stop() {
      sample();
      clearInterval(timer);
    },
  };
}

/** Bytes as MiB with one decimal, for tables. */
export const mib = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);
