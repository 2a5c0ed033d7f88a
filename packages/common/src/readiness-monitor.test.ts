import { describe, expect, it } from "vitest";
import { createReadinessMonitor } from "./readiness-monitor.js";

describe("createReadinessMonitor", () => {
  it("reports not-ready answers and errors as false, then the change to ready, then a drop", async () => {
    const answers: Array<boolean | Error> = [false, new Error("refused"), true, true, false];
    const changes: boolean[] = [];
    let calls = 0;
    const monitor = createReadinessMonitor({
      check: async () => {
        const answer = answers[Math.min(calls++, answers.length - 1)];
        if (answer instanceof Error) throw answer;
        return answer ?? false;
      },
      onChange: (ready) => changes.push(ready),
      minIntervalMs: 1,
      maxIntervalMs: 2,
      readyIntervalMs: 1,
    });
    monitor.start();
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (changes.length >= 2) {
          clearInterval(poll);
          resolve();
        }
      }, 1);
    });
    monitor.stop();
    expect(changes).toEqual([true, false]);
    expect(monitor.ready).toBe(false);
  });

  it("stops probing after stop()", async () => {
    let calls = 0;
    const monitor = createReadinessMonitor({ check: async () => (calls++, true), onChange: () => undefined, readyIntervalMs: 1 });
    monitor.start();
    await new Promise((r) => setTimeout(r, 20));
    monitor.stop();
    const seen = calls;
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBeLessThanOrEqual(seen + 1);
    expect(calls).toBeGreaterThan(0);
  });
});
