import { describeError, errorCodeName } from "./error-code.js";

export interface ClosedLoopOptions {
  /** Calls in total (an upper bound: the budget may stop the loop earlier). */
  total: number;
  /** Calls in flight at once. */
  concurrency: number;
  /** No new call starts after this many ms; default unbounded by time. */
  budgetMs?: number;
}

export interface ClosedLoopResult {
  /** Calls that finished, OK or not. */
  completed: number;
  /** Latency of every finished call in ms, OK or not, in completion order. */
  latenciesMs: number[];
  /** Latency of OK calls only. */
  okLatenciesMs: number[];
  /** Finished calls by gRPC code name, "OK" included. */
  byCode: Record<string, number>;
  /** Failed calls by "CODE: message" (messages are the server's short ones), to tell where load was shed. */
  byError: Record<string, number>;
  /** From the first call's start to the last call's end. */
  wallMs: number;
}

/**
 * A closed-loop load generator: `concurrency` workers each start a call as
 * soon as their previous one ended, until `total` calls were started or the
 * budget ran out. With concurrency == total every call starts at once.
 */
export async function runClosedLoop(options: ClosedLoopOptions, call: (index: number) => Promise<unknown>): Promise<ClosedLoopResult> {
  const result: ClosedLoopResult = { completed: 0, latenciesMs: [], okLatenciesMs: [], byCode: {}, byError: {}, wallMs: 0 };
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.total) {
      if (options.budgetMs !== undefined && performance.now() - started > options.budgetMs) return;
      const index = next;
      next += 1;
      const callStarted = performance.now();
      let code = "OK";
      try {
        await call(index);
      } catch (error) {
        code = errorCodeName(error);
        const key = describeError(error);
        result.byError[key] = (result.byError[key] ?? 0) + 1;
      }
      const ms = performance.now() - callStarted;
      result.completed += 1;
      result.latenciesMs.push(ms);
      if (code === "OK") result.okLatenciesMs.push(ms);
      result.byCode[code] = (result.byCode[code] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, options.total)) }, worker));
  result.wallMs = performance.now() - started;
  return result;
}
