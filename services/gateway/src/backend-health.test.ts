import { Code, ConnectError } from "@connectrpc/connect";
import { HealthCheckResponse_ServingStatus as ServingStatus } from "@docproc/gen/grpc/health/v1/health_pb.js";
import { describe, expect, it } from "vitest";
import type { BackendClient } from "./backend-clients.js";
import { createBackendHealthMonitor, isReady } from "./backend-health.js";

/** A BackendClient whose health answer the test sets; counts the checks. */
function fakeBackend(name: string, answer: () => Promise<ServingStatus>) {
  const fake = {
    name,
    checks: 0,
    call: () => Promise.reject(new ConnectError("not used", Code.Unimplemented)),
    lastAnswerEngine: () => (name === "classify" ? { engine: "cpu", modelId: "cpu:test-ocr" } : undefined),
    checkHealth: () => {
      fake.checks += 1;
      return answer();
    },
    close: () => {},
  };
  return fake satisfies BackendClient;
}

describe("createBackendHealthMonitor", () => {
  it("maps answers and failures to SERVING / NOT_SERVING / UNREACHABLE", async () => {
    const monitor = createBackendHealthMonitor({
      backends: {
        classify: fakeBackend("classify", async () => ServingStatus.NOT_SERVING),
        extract: fakeBackend("extract", () => Promise.reject(new ConnectError("extract backend unavailable", Code.Unavailable))),
      },
      cacheMs: 0,
    });
    const snapshot = await monitor.snapshot();
    expect(snapshot.classify).toMatchObject({ status: "NOT_SERVING", error: "health status NOT_SERVING" });
    expect(snapshot.extract).toMatchObject({ status: "UNREACHABLE", error: "extract backend unavailable" });
    expect(snapshot.classify.engine).toEqual({ engine: "cpu", modelId: "cpu:test-ocr" });
    expect(snapshot.extract.engine).toBeUndefined();
    expect(isReady(snapshot)).toBe(false);
  });

  it("caches a snapshot for cacheMs and shares a check in flight", async () => {
    const classify = fakeBackend("classify", async () => ServingStatus.SERVING);
    const extract = fakeBackend("extract", async () => ServingStatus.SERVING);
    const monitor = createBackendHealthMonitor({ backends: { classify, extract }, cacheMs: 60_000 });
    const [first, second] = await Promise.all([monitor.snapshot(), monitor.snapshot()]);
    await monitor.snapshot();
    expect(classify.checks).toBe(1);
    expect(extract.checks).toBe(1);
    expect(isReady(first)).toBe(true);
    expect(second).toEqual(first);
  });

  it("is not ready once shutdown began, and says so at once", async () => {
    const serving = async () => ServingStatus.SERVING;
    const monitor = createBackendHealthMonitor({
      backends: { classify: fakeBackend("classify", serving), extract: fakeBackend("extract", serving) },
      cacheMs: 60_000,
    });
    expect(isReady(await monitor.snapshot())).toBe(true);
    monitor.markShuttingDown();
    expect(monitor.shutdownSignal.aborted).toBe(true);
    const snapshot = await monitor.snapshot();
    expect(snapshot.shuttingDown).toBe(true);
    expect(isReady(snapshot)).toBe(false);
  });
});
