import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { fullJitterDelayMs, retryWithBackoff, type RetryOptions } from "./retry-with-backoff.js";
import { createDeadlineSignal } from "./signal-deadline.js";

class Transient extends Error {
  constructor(readonly retryAfter?: number) {
    super("transient");
  }
}

const base: RetryOptions = {
  maxAttempts: 4,
  baseDelayMs: 1,
  maxDelayMs: 4,
  isRetryable: (error) => error instanceof Transient,
  retryAfterMs: (error) => (error instanceof Transient ? error.retryAfter : undefined),
};

/** fn failing with the given errors in turn, then answering "done". */
function failing(...errors: Error[]) {
  const calls: number[] = [];
  const fn = async (attempt: number) => {
    calls.push(attempt);
    const error = errors[attempt - 1];
    if (error) throw error;
    return "done";
  };
  return { fn, calls };
}

describe("fullJitterDelayMs", () => {
  it("draws from [0, min(max, base * 2^(retry-1)))", () => {
    expect(fullJitterDelayMs(1, 100, 1000, () => 0.999)).toBe(99);
    expect(fullJitterDelayMs(3, 100, 1000, () => 0.5)).toBe(200);
    expect(fullJitterDelayMs(10, 100, 1000, () => 0.5)).toBe(500);
    expect(fullJitterDelayMs(2, 100, 1000, () => 0)).toBe(0);
  });
});

describe("retryWithBackoff", () => {
  it("retries retryable failures until one succeeds, reporting each retry", async () => {
    const { fn, calls } = failing(new Transient(), new Transient());
    const retries: number[] = [];
    const result = await retryWithBackoff(fn, { ...base, onRetry: ({ attempt }) => retries.push(attempt) });
    expect(result).toBe("done");
    expect(calls).toEqual([1, 2, 3]);
    expect(retries).toEqual([1, 2]);
  });

  it("throws a non-retryable failure at once", async () => {
    const fatal = new Error("bad request");
    const { fn, calls } = failing(fatal);
    await expect(retryWithBackoff(fn, base)).rejects.toBe(fatal);
    expect(calls).toEqual([1]);
  });

  it("throws the last failure when the attempts are used up", async () => {
    const last = new Transient();
    const { fn, calls } = failing(new Transient(), new Transient(), last);
    await expect(retryWithBackoff(fn, { ...base, maxAttempts: 3 })).rejects.toBe(last);
    expect(calls).toEqual([1, 2, 3]);
  });

  it("waits at least the Retry-After, and not at all for one beyond maxRetryAfterMs", async () => {
    const delays: number[] = [];
    const { fn } = failing(new Transient(30));
    await retryWithBackoff(fn, { ...base, onRetry: ({ delayMs }) => delays.push(delayMs) });
    expect(delays).toEqual([30]);

    const tooLong = new Transient(120_000);
    const second = failing(tooLong);
    await expect(retryWithBackoff(second.fn, base)).rejects.toBe(tooLong);
    expect(second.calls).toEqual([1]);
  });

  it("makes no further attempt when the signal's deadline cannot fit the wait", async () => {
    const deadline = createDeadlineSignal(new Date(Date.now() + 5_000));
    const error = new Transient(10_000);
    const { fn, calls } = failing(error);
    await expect(retryWithBackoff(fn, { ...base, signal: deadline.signal })).rejects.toBe(error);
    expect(calls).toEqual([1]);
    deadline.dispose();
  });

  it("keeps minAttemptMs free before the deadline", async () => {
    const deadline = createDeadlineSignal(new Date(Date.now() + 5_000));
    const { fn, calls } = failing(new Transient(0));
    await expect(retryWithBackoff(fn, { ...base, signal: deadline.signal, minAttemptMs: 10_000 })).rejects.toBeInstanceOf(Transient);
    expect(calls).toEqual([1]);
    deadline.dispose();
  });

  it("stops waiting when the caller aborts, with the signal's reason", async () => {
    const controller = new AbortController();
    const reason = new ConnectError("call canceled by the client", Code.Canceled);
    const { fn, calls } = failing(new Transient(30_000));
    const pending = retryWithBackoff(fn, { ...base, signal: controller.signal, onRetry: () => controller.abort(reason) });
    await expect(pending).rejects.toBe(reason);
    expect(calls).toEqual([1]);
  });

  it("never starts an attempt once the signal aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("gone"));
    const { fn, calls } = failing();
    await expect(retryWithBackoff(fn, { ...base, signal: controller.signal })).rejects.toThrow("gone");
    expect(calls).toEqual([]);
  });

  it("aborts a failed attempt's own signal before the next attempt starts", async () => {
    const signals: AbortSignal[] = [];
    let calls = 0;
    const result = await retryWithBackoff(async (_attempt, signal) => {
      signals.push(signal);
      calls += 1;
      if (calls === 1) {
        expect(signal.aborted).toBe(false);
        throw new Transient();
      }
      expect(signals[0]?.aborted).toBe(true);
      return signal.aborted;
    }, base);
    expect(result).toBe(false);
  });
});
