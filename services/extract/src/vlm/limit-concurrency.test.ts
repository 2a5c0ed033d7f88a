import { describe, expect, it } from "vitest";
import { createLimiter } from "./limit-concurrency.js";

describe("createLimiter", () => {
  it("never runs more than the limit and runs everything in order", async () => {
    const limit = createLimiter(3);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const gates: Array<() => void> = [];
    const runs = Array.from({ length: 8 }, (_, i) =>
      limit(async () => {
        started.push(i);
        active += 1;
        peak = Math.max(peak, active);
        await new Promise<void>((resolve) => gates.push(resolve));
        active -= 1;
        return i;
      }),
    );
    while (started.length < 8) {
      await new Promise((resolve) => setImmediate(resolve));
      expect(active).toBeLessThanOrEqual(3);
      gates.shift()?.();
    }
    gates.forEach((open) => open());
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("does not let a late caller overtake a waiter that was just released", async () => {
    const limit = createLimiter(1);
    let active = 0;
    let peak = 0;
    const task = async (): Promise<void> => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setImmediate(resolve));
      active -= 1;
    };
    const first = limit(task);
    const second = limit(task);
    await first;
    const third = limit(task); // arrives while the second is being woken
    await Promise.all([second, third]);
    expect(peak).toBe(1);
  });

  it("frees the slot when a task throws", async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(limit(() => Promise.resolve("next"))).resolves.toBe("next");
  });
});
