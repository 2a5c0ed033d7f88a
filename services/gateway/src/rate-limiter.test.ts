import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limiter.js";

function clock() {
  let now = 0;
  return { nowMs: () => now, advance: (ms: number) => (now += ms) };
}

describe("createRateLimiter", () => {
  it("allows a burst of `requests`, then says when the next token is there", () => {
    const time = clock();
    const limiter = createRateLimiter({ defaultLimit: { requests: 3, windowSeconds: 60 }, nowMs: time.nowMs });
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a")].every((d) => d.allowed)).toBe(true);
    // 3 per 60 s refills one token every 20 s.
    expect(limiter.take("a")).toEqual({ allowed: false, retryAfterSeconds: 20 });
    time.advance(15_000);
    expect(limiter.take("a")).toEqual({ allowed: false, retryAfterSeconds: 5 });
    time.advance(5_000);
    expect(limiter.take("a").allowed).toBe(true);
  });

  it("keeps one bucket per key name and refills no higher than the burst", () => {
    const time = clock();
    const limiter = createRateLimiter({ defaultLimit: { requests: 1, windowSeconds: 1 }, nowMs: time.nowMs });
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("b").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
    time.advance(3_600_000);
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a")).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("applies per-key overrides and treats 0 requests as unlimited", () => {
    const time = clock();
    const limiter = createRateLimiter({
      defaultLimit: { requests: 1, windowSeconds: 60 },
      overrides: new Map([
        ["batch", { requests: 5, windowSeconds: 3600 }],
        ["internal", { requests: 0, windowSeconds: 1 }],
      ]),
      nowMs: time.nowMs,
    });
    for (let i = 0; i < 5; i++) expect(limiter.take("batch").allowed).toBe(true);
    expect(limiter.take("batch")).toEqual({ allowed: false, retryAfterSeconds: 720 });
    for (let i = 0; i < 100; i++) expect(limiter.take("internal").allowed).toBe(true);
    expect(limiter.take("web").allowed).toBe(true);
    expect(limiter.take("web")).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });
});
