import { describe, expect, it } from "vitest";
import { backendTimeoutMs } from "./deadline.js";

describe("backendTimeoutMs", () => {
  const limits = { defaultDeadlineMs: 120_000, maxDeadlineMs: 600_000 };
  it("uses the caller's time left, the default without one, and caps at the maximum", () => {
    expect(backendTimeoutMs(300, limits)).toBe(300);
    expect(backendTimeoutMs(undefined, limits)).toBe(120_000);
    expect(backendTimeoutMs(900_000, limits)).toBe(600_000);
    expect(backendTimeoutMs(-5, limits)).toBe(0);
  });
});
