import { Code, ConnectError } from "@connectrpc/connect";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { classifierRetryAfterMs, isRetryableClassifierError, toClassifierError } from "./classifier-request-error.js";

const live = () => new AbortController().signal;
const httpError = (status: number, headers: Record<string, string> = {}) =>
  OpenAI.APIError.generate(status, { message: "boom at http://secret-host/v1?key=abc" }, undefined, new Headers(headers));

describe("toClassifierError", () => {
  it("marks 5xx, 429 and connection failures retryable, with the Retry-After", () => {
    const overloaded = toClassifierError(httpError(429, { "retry-after": "3" }), live());
    expect(overloaded.code).toBe(Code.ResourceExhausted);
    expect(isRetryableClassifierError(overloaded)).toBe(true);
    expect(classifierRetryAfterMs(overloaded)).toBe(3000);
    const failed = toClassifierError(httpError(502), live());
    expect([failed.code, isRetryableClassifierError(failed), classifierRetryAfterMs(failed)]).toEqual([Code.Unavailable, true, undefined]);
    const unreachable = toClassifierError(new OpenAI.APIConnectionError({ message: "refused" }), live());
    expect([unreachable.code, isRetryableClassifierError(unreachable)]).toEqual([Code.Unavailable, true]);
    const timedOut = toClassifierError(new OpenAI.APIConnectionTimeoutError(), live());
    expect([timedOut.code, isRetryableClassifierError(timedOut)]).toEqual([Code.Unavailable, true]);
  });

  it("never marks another 4xx retryable and never copies the server's message", () => {
    for (const status of [400, 401, 404, 408, 422]) {
      const error = toClassifierError(httpError(status), live());
      expect(isRetryableClassifierError(error)).toBe(false);
      expect(error.message).not.toMatch(/secret-host|key=/);
    }
  });

  it("reports the caller's abort instead of what the client saw", () => {
    const controller = new AbortController();
    controller.abort(new ConnectError("deadline exceeded", Code.DeadlineExceeded));
    const error = toClassifierError(new OpenAI.APIConnectionTimeoutError(), controller.signal);
    expect(error.code).toBe(Code.DeadlineExceeded);
    expect(isRetryableClassifierError(error)).toBe(false);
    const cancelled = new AbortController();
    cancelled.abort();
    expect(toClassifierError(new OpenAI.APIUserAbortError(), cancelled.signal).code).toBe(Code.Canceled);
  });
});
