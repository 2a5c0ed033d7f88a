import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { createCapacityGate } from "./capacity-gate.js";

describe("createCapacityGate", () => {
  it("never runs more than the capacity at once and serves waiters in arrival order", async () => {
    const gate = createCapacityGate(3);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        gate.run(async () => {
          running += 1;
          most = Math.max(most, running);
          order.push(i);
          await delay(5);
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(3);
    expect(gate.maxInService).toBe(3);
    expect(gate.maxQueued).toBe(7);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(gate.inService).toBe(0);
  });

  it("is unlimited with capacity 0 and releases its slot when a job throws", async () => {
    const gate = createCapacityGate(0);
    await Promise.all(Array.from({ length: 20 }, () => gate.run(() => delay(1))));
    expect(gate.maxInService).toBe(20);
    const one = createCapacityGate(1);
    await expect(one.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(one.run(async () => "next")).resolves.toBe("next");
  });
});
