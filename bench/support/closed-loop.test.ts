import { Code, ConnectError } from "@connectrpc/connect";
import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { runClosedLoop } from "./closed-loop.js";

describe("runClosedLoop", () => {
  it("makes exactly `total` calls, at most `concurrency` at once, and counts status codes", async () => {
    let inFlight = 0;
    let most = 0;
    const result = await runClosedLoop({ total: 25, concurrency: 4 }, async (index) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await delay(1);
      inFlight -= 1;
      if (index % 5 === 0) throw new ConnectError("busy", Code.ResourceExhausted);
      if (index === 7) throw new Error("plain error");
    });
    expect(result.completed).toBe(25);
    expect(most).toBe(4);
    expect(result.byCode).toEqual({ OK: 19, RESOURCE_EXHAUSTED: 5, UNKNOWN: 1 });
    expect(result.latenciesMs).toHaveLength(25);
    expect(result.okLatenciesMs).toHaveLength(19);
  });

  it("starts no call after the budget", async () => {
    const result = await runClosedLoop({ total: 1_000, concurrency: 1, budgetMs: 0 }, () => delay(2));
    expect(result.completed).toBeLessThanOrEqual(1);
  });
});
