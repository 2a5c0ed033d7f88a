import { Code } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { createInflightLimit, serverBusyError } from "./inflight-limit.js";

describe("createInflightLimit", () => {
  it("admits up to the ceiling, refuses past it, and reports every change", () => {
    const seen: number[] = [];
    const limit = createInflightLimit({ max: 3, onChange: (count) => seen.push(count) });
    expect(limit.tryAcquire(2)).toBe(true);
    expect(limit.tryAcquire(2)).toBe(false);
    expect(limit.tryAcquire()).toBe(true);
    expect(limit.tryAcquire()).toBe(false);
    limit.release(2);
    expect(limit.inFlight).toBe(1);
    expect(seen).toEqual([2, 3, 1]);
  });

  it("lets a request larger than the ceiling run alone rather than never", () => {
    const limit = createInflightLimit({ max: 4 });
    expect(limit.tryAcquire(10)).toBe(true);
    expect(limit.tryAcquire(1)).toBe(false);
    limit.release(10);
    expect(limit.tryAcquire(1)).toBe(true);
  });

  it("never goes below zero", () => {
    const limit = createInflightLimit({ max: 1 });
    limit.release(5);
    expect(limit.inFlight).toBe(0);
  });

  it("describes a full limit as RESOURCE_EXHAUSTED", () => {
    const error = serverBusyError(32, "requests");
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.rawMessage).toBe("server busy: 32 requests in flight");
  });
});
