import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { retryBackendCall } from "./backend-retry.js";

const policy = { maxAttempts: 3, initialBackoffMs: 10, maxBackoffMs: 40 };

/** An attempt function failing with the given codes in turn, then answering "ok". */
function scripted(codes: Code[]) {
  const attempts: number[] = [];
  const fn = async (attempt: number) => {
    attempts.push(attempt);
    const code = codes[attempt - 1];
    if (code !== undefined) throw new ConnectError(`attempt ${attempt}`, code);
    return "ok";
  };
  return { fn, attempts };
}

describe("retryBackendCall", () => {
  it("retries UNAVAILABLE with full-jitter delays and counts the retries", async () => {
    const { fn, attempts } = scripted([Code.Unavailable, Code.Unavailable]);
    const delays: number[] = [];
    const result = await retryBackendCall(fn, {
      policy,
      deadlineAt: Date.now() + 10_000,
      random: () => 0.5,
      onRetry: (_attempt, delayMs) => delays.push(delayMs),
    });
    expect(result).toBe("ok");
    expect(attempts).toEqual([1, 2, 3]);
    // Uniform in [0, ceiling]; the ceiling doubles: 10 ms, then 20 ms.
    expect(delays).toEqual([5, 10]);
  });

  it("gives up after maxAttempts with the last UNAVAILABLE", async () => {
    const { fn, attempts } = scripted([Code.Unavailable, Code.Unavailable, Code.Unavailable]);
    const error = await retryBackendCall(fn, { policy, deadlineAt: Date.now() + 10_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: Code.Unavailable, rawMessage: "attempt 3" });
    expect(attempts).toEqual([1, 2, 3]);
  });

  it.each([Code.InvalidArgument, Code.DeadlineExceeded, Code.Internal, Code.ResourceExhausted])("never retries code %i", async (code) => {
    const { fn, attempts } = scripted([code]);
    const error = await retryBackendCall(fn, { policy, deadlineAt: Date.now() + 10_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code });
    expect(attempts).toEqual([1]);
  });

  it("does not start a retry whose wait would reach the deadline", async () => {
    const { fn, attempts } = scripted([Code.Unavailable]);
    const error = await retryBackendCall(fn, {
      policy: { maxAttempts: 3, initialBackoffMs: 60_000, maxBackoffMs: 60_000 },
      deadlineAt: Date.now() + 1000,
      random: () => 0.9,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: Code.Unavailable });
    expect(attempts).toEqual([1]);
  });

  it("stops waiting when the caller goes away, with the caller's reason", async () => {
    const controller = new AbortController();
    const { fn, attempts } = scripted([Code.Unavailable]);
    const pending = retryBackendCall(fn, {
      policy: { maxAttempts: 3, initialBackoffMs: 60_000, maxBackoffMs: 60_000 },
      deadlineAt: Date.now() + 3_600_000,
      signal: controller.signal,
      random: () => 0.5,
      onRetry: () => controller.abort(new ConnectError("client closed the request", Code.Canceled)),
    });
    await expect(pending).rejects.toMatchObject({ code: Code.Canceled, rawMessage: "client closed the request" });
    expect(attempts).toEqual([1]);
  });

  it("gives every attempt a signal that is aborted once it failed", async () => {
    const signals: AbortSignal[] = [];
    await retryBackendCall(
      async (attempt, signal) => {
        signals.push(signal);
        if (attempt === 1) throw new ConnectError("down", Code.Unavailable);
        return "ok";
      },
      { policy, deadlineAt: Date.now() + 10_000, random: () => 0 },
    );
    expect(signals.map((signal) => signal.aborted)).toEqual([true, false]);
  });
});
