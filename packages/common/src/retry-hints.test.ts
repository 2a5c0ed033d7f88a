import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { isTransientError, parseRetryAfterMs, retryAfterMsOf, retryHints } from "./retry-hints.js";

describe("parseRetryAfterMs", () => {
  it("reads retry-after-ms, seconds and HTTP dates", () => {
    expect(parseRetryAfterMs(new Headers({ "retry-after-ms": "1500" }))).toBe(1500);
    expect(parseRetryAfterMs(new Headers({ "retry-after": "2" }))).toBe(2000);
    const inFuture = parseRetryAfterMs(new Headers({ "retry-after": new Date(Date.now() + 60_000).toUTCString() }));
    expect(inFuture).toBeGreaterThan(0);
    expect(parseRetryAfterMs(new Headers({ "retry-after": "soon" }))).toBeUndefined();
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
  });
});

describe("retryHints", () => {
  it("round-trips the transient mark and a rounded Retry-After through ConnectError metadata", () => {
    const error = new ConnectError("overloaded", Code.ResourceExhausted, retryHints({ transient: true, retryAfterMs: 1499.6 }));
    expect([isTransientError(error), retryAfterMsOf(error)]).toEqual([true, 1500]);
    const plain = new ConnectError("timed out", Code.Unavailable, retryHints({ transient: false }));
    expect([isTransientError(plain), retryAfterMsOf(plain)]).toEqual([false, undefined]);
    expect([isTransientError(new Error("x")), retryAfterMsOf("x")]).toEqual([false, undefined]);
  });
});
