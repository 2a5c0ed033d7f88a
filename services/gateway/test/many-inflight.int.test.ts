import { Code, ConnectError, createClient, type Transport } from "@connectrpc/connect";
import { ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { cannedClassification } from "./support/fake-backends.js";
import { startGateway, TEST_KEYS, type GatewayHarness } from "./support/gateway-harness.js";
import { PROTOCOLS } from "./support/protocols.js";

// Every call in flight listens on the gateway's shutdown signal; past Node's
// default of 10 listeners that printed a MaxListenersExceededWarning under
// ordinary load.

const CALLS_PER_PROTOCOL = 15;
const document = { sources: [{ source: { case: "url" as const, value: "https://example.com/w2.png" } }] };
const headers = { "x-api-key": TEST_KEYS.alice };

let gw: GatewayHarness;
const warnings: Error[] = [];
const onWarning = (warning: Error): void => void warnings.push(warning);

beforeAll(async () => {
  process.on("warning", onWarning);
  gw = await startGateway({ RATE_LIMIT_REQUESTS: "0", MAX_PAGES_IN_FLIGHT_PER_KEY: "0", DEFAULT_DEADLINE_MS: "60000" });
});
afterAll(async () => {
  process.off("warning", onWarning);
  await gw.close();
});

it("holds 30 gRPC and Connect calls in flight without a MaxListenersExceededWarning", async () => {
  gw.classify.behave({ kind: "hang" });
  const transports: Transport[] = [PROTOCOLS["grpc h2c"](gw.baseUrl), PROTOCOLS["connect h2c"](gw.baseUrl)];
  // One controller per call: a client signal shared by every call would warn on the client side.
  const controllers = Array.from({ length: CALLS_PER_PROTOCOL * transports.length }, () => new AbortController());
  const calls = controllers.map((controller, index) =>
    createClient(ClassifyService, transports[index % transports.length] as Transport)
      .classifyDocument({ document }, { headers, signal: controller.signal })
      .then(
        () => undefined,
        (error: unknown) => ConnectError.from(error),
      ),
  );
  await gw.classify.waitForCalls(controllers.length);
  // process.emitWarning reports on a later tick than the listener that caused it.
  await new Promise((resolve) => setImmediate(resolve));
  for (const controller of controllers) controller.abort();
  const outcomes = await Promise.all(calls);
  gw.classify.behave({ kind: "reply", response: cannedClassification });

  expect(outcomes.map((error) => error?.code)).toEqual(controllers.map(() => Code.Canceled));
  expect(warnings.filter((warning) => warning.name === "MaxListenersExceededWarning").map((warning) => warning.message)).toEqual([]);
});
