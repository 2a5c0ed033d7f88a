import { describe, expect, it } from "vitest";
import { fixed, latencyStats, median, percent, quantile } from "./latency-stats.js";

describe("latency-stats", () => {
  it("takes nearest-rank quantiles", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(sorted, 0.5)).toBe(50);
    expect(quantile(sorted, 0.99)).toBe(99);
    expect(quantile(sorted, 1)).toBe(100);
    expect(quantile([7], 0.99)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it("summarises unsorted durations", () => {
    const stats = latencyStats([30, 10, 20, 40]);
    expect(stats).toMatchObject({ count: 4, meanMs: 25, p50Ms: 20, minMs: 10, maxMs: 40, p99Ms: 40 });
    expect(median([3, 1, 2])).toBe(2);
  });

  it("prints NaN as a dash", () => {
    expect(fixed(Number.NaN)).toBe("-");
    expect(fixed(1.234, 2)).toBe("1.23");
    expect(percent(0.951)).toBe("95.1%");
    expect(percent(undefined)).toBe("-");
  });
});
