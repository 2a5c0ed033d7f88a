import { runProcess } from "./run-process.js";

export interface TesseractCliProbe {
  /** e.g. "5.3.0". */
  version: string;
}

/**
 * Whether a usable `tesseract` binary (with English data) can be run; undefined when it is
 * missing, too old (< 4, no LSTM) or lacks "eng". Never throws.
 */
export async function probeTesseractCli(binary: string, env?: NodeJS.ProcessEnv): Promise<TesseractCliProbe | undefined> {
  const signal = AbortSignal.timeout(10_000);
  try {
    const version = await runProcess(binary, ["--version"], { env, signal, maxStdoutBytes: 64 * 1024 });
    const match = /tesseract\s+v?(\d+)\.(\d+)(?:\.(\d+))?/i.exec(`${version.stdout.toString("utf8")}\n${version.stderr}`);
    if (version.code !== 0 || !match || Number(match[1]) < 4) return undefined;
    const langs = await runProcess(binary, ["--list-langs"], { env, signal, maxStdoutBytes: 64 * 1024 });
    const listed = `${langs.stdout.toString("utf8")}\n${langs.stderr}`.split(/\s+/);
    if (langs.code !== 0 || !listed.includes("eng")) return undefined;
    return { version: [match[1], match[2], match[3]].filter((p) => p !== undefined).join(".") };
  } catch {
    return undefined;
  }
}
