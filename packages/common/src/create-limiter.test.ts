import { getEventListeners } from "node:events";
import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { createLimiter } from "./create-limiter.js";

const tick = () => new Promise((resolve) => setImmediate(resolve));

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
      await tick();
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
      await tick();
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

  it("lets an aborted waiter leave the line without running, and keeps the others' order", async () => {
    const limit = createLimiter(1, { what: "extract" });
    const release = await limit.acquire();
    const controller = new AbortController();
    const ran: string[] = [];
    const leaving = limit(async () => void ran.push("aborted"), controller.signal);
    const staying = limit(async () => void ran.push("kept"));
    controller.abort();
    const error = await leaving.catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ConnectError);
    expect([(error as ConnectError).code, (error as ConnectError).rawMessage]).toEqual([Code.Canceled, "extract canceled"]);
    release();
    release(); // a second release is ignored
    await staying;
    expect(ran).toEqual(["kept"]);
    // One slot, free again: the double release did not make it two.
    const held = await limit.acquire();
    let second = false;
    const next = limit.acquire().then((r) => ((second = true), r));
    await tick();
    expect(second).toBe(false);
    held();
    (await next)();
  });

  it("listens once per signal however many waiters share it, and lets go once none waits", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const limit = createLimiter(1);
      const release = await limit.acquire();
      const controller = new AbortController();
      const waiting = Array.from({ length: 30 }, () => limit(() => Promise.resolve("ran"), controller.signal).catch((e: unknown) => e));
      const shared = new AbortController();
      const served = Array.from({ length: 20 }, () => limit(() => Promise.resolve("served"), shared.signal));
      expect([getEventListeners(controller.signal, "abort").length, getEventListeners(shared.signal, "abort").length]).toEqual([1, 1]);
      controller.abort();
      const outcomes = await Promise.all(waiting);
      expect(outcomes.every((outcome) => outcome instanceof ConnectError && outcome.code === Code.Canceled)).toBe(true);
      release();
      expect(await Promise.all(served)).toEqual(served.map(() => "served"));
      expect(getEventListeners(shared.signal, "abort")).toEqual([]);
      await tick();
      expect(warnings.filter((warning) => warning.name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("refuses at once with the signal's own ConnectError reason when already aborted", async () => {
    const limit = createLimiter(2);
    const reason = new ConnectError("deadline exceeded", Code.DeadlineExceeded);
    await expect(limit.acquire(AbortSignal.abort(reason))).rejects.toBe(reason);
    await expect(limit(() => Promise.resolve(1), AbortSignal.abort(reason))).rejects.toBe(reason);
  });
});
