import { Code } from "@connectrpc/connect";
import { PageStatus } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeResponseSpec } from "../test-support/fake-openai-server.js";
import { type ExtractStack, failure, inline, startExtractStack, VALID_LAYOUT } from "./support/extract-stack.js";
import { pngPage } from "./support/image-fixtures.js";

// Graceful shutdown end to end (what main.ts does on SIGTERM: app.stop()):
// health NOT_SERVING, no new calls, in-flight calls finish within
// SHUTDOWN_GRACE_MS and are cut after it, metrics server closed.

const ok: FakeResponseSpec = { kind: "completion", content: VALID_LAYOUT };
let stack: ExtractStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("extract: graceful shutdown", () => {
  it("lets the slow in-flight call finish, refuses new calls and closes /metrics", async () => {
    const s = (stack = await startExtractStack({ env: { SHUTDOWN_GRACE_MS: "10000" }, metricsServer: true }));
    await s.waitServing();
    const page = await pngPage(120, 80);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    s.model.setHandler(async () => {
      await released;
      return ok;
    });
    const slow = s.extract(inline(page));
    await until(() => s.model.requests.some((r) => r.path.endsWith("/chat/completions")));
    const metricsUrl = `http://127.0.0.1:${s.app.metricsPort}/metrics`;
    expect((await fetch(metricsUrl)).status).toBe(200);

    const stopped = s.app.stop();
    expect(s.app.server.serving).toBe(false);
    const refused = await failure(s.extract(inline(page)));
    expect(refused.code).toBe(Code.Unavailable);

    release();
    const { response } = await slow;
    expect(response.pages[0]?.status).toBe(PageStatus.OK);
    await stopped;
    await expect(fetch(metricsUrl)).rejects.toThrow();
  });

  it("cuts a call still running when the grace period ends, and the model request with it", async () => {
    const s = (stack = await startExtractStack({ env: { SHUTDOWN_GRACE_MS: "300" } }));
    s.model.setHandler(() => ({ kind: "hang" }));
    const before = s.model.disconnects;
    const stuck = failure(s.extract(inline(await pngPage(120, 80))));
    await until(() => s.model.requests.some((r) => r.path.endsWith("/chat/completions")));
    await s.app.stop();
    expect([Code.Canceled, Code.Unavailable]).toContain((await stuck).code);
    await s.model.waitForDisconnects(before + 1);
  });
});
