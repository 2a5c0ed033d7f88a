import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { createDeadlineSignal, registerSignalDeadline, remainingMs, signalDeadline } from "./signal-deadline.js";

describe("signal deadlines", () => {
  it("knows nothing about a plain signal", () => {
    const signal = new AbortController().signal;
    expect(remainingMs(signal)).toBeUndefined();
    expect(signalDeadline(signal)).toBeUndefined();
    expect(remainingMs(undefined)).toBeUndefined();
  });

  it("reads back a registered deadline, never negative", () => {
    const signal = new AbortController().signal;
    registerSignalDeadline(signal, new Date(Date.now() - 1000));
    expect(remainingMs(signal)).toBe(0);
    const later = new AbortController().signal;
    const at = new Date(Date.now() + 60_000);
    registerSignalDeadline(later, at);
    expect(signalDeadline(later)?.getTime()).toBe(at.getTime());
    expect(remainingMs(later)).toBeGreaterThan(50_000);
  });

  it("aborts with DeadlineExceeded when the deadline passes", async () => {
    const { signal, dispose } = createDeadlineSignal(new Date(Date.now() + 20));
    await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
    expect(signal.reason).toBeInstanceOf(ConnectError);
    expect((signal.reason as ConnectError).code).toBe(Code.DeadlineExceeded);
    dispose();
  });

  it("follows its parent's abort", () => {
    const parent = new AbortController();
    const { signal, dispose } = createDeadlineSignal(new Date(Date.now() + 60_000), parent.signal);
    parent.abort(new Error("client left"));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe("client left");
    dispose();
  });
});
