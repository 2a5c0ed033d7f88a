import { spawn } from "node:child_process";
import { Code, ConnectError } from "@connectrpc/connect";
import { abortError } from "@docproc/common";

export interface RunProcessOptions {
  /** Written to stdin, which is then closed. */
  input?: Buffer;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** stdout beyond this fails the run (a page's TSV is ~100 KB). */
  maxStdoutBytes: number;
}

export interface ProcessResult {
  code: number | null;
  stdout: Buffer;
  /** The first 2 KB only; enough for a diagnostic. */
  stderr: string;
}

/**
 * Runs a program without a shell. Abort kills it (SIGKILL) and rejects with the abort
 * error at once; a missing binary rejects with the spawn error (code ENOENT).
 */
export function runProcess(binary: string, args: readonly string[], options: RunProcessOptions): Promise<ProcessResult> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortError(signal, "OCR"));
  return new Promise<ProcessResult>((resolve, reject) => {
    const child = spawn(binary, args, { env: options.env, stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = "";
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      outcome();
    };
    const onAbort = (): void => {
      child.kill("SIGKILL");
      finish(() => reject(abortError(signal as AbortSignal, "OCR")));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (error) => finish(() => reject(error)));
    child.stdout.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > options.maxStdoutBytes) {
        child.kill("SIGKILL");
        finish(() => reject(new ConnectError(`${binary} output is too large`, Code.ResourceExhausted)));
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 2048) stderr += chunk.toString("utf8").slice(0, 2048 - stderr.length);
    });
    child.on("close", (code) => finish(() => resolve({ code, stdout: Buffer.concat(stdout), stderr })));
    // The child may exit before reading all of stdin (e.g. --version); EPIPE is not an error here.
    child.stdin.on("error", () => {});
    child.stdin.end(options.input);
  });
}
