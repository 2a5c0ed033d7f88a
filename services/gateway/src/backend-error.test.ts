import { Code } from "@connectrpc/connect";
import * as grpc from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import { toBackendError } from "./backend-error.js";

function grpcError(code: grpc.status, details: string, trailers: Record<string, string> = {}): grpc.ServiceError {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata });
}

describe("toBackendError", () => {
  it("keeps the backend's code and message, and only retry-after from its trailers", () => {
    const logged: object[] = [];
    const error = toBackendError(
      grpcError(grpc.status.RESOURCE_EXHAUSTED, "queue full", { "retry-after": "2", "x-internal": "node-7" }),
      "extract",
      "/docproc.v1.ExtractService/ExtractDocument",
      (entry) => logged.push(entry),
    );
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.rawMessage).toBe("queue full");
    expect([...error.metadata.keys()]).toEqual(["retry-after"]);
    expect(logged).toHaveLength(0);
  });

  it("replaces grpc-js transport messages, which name addresses, and logs them", () => {
    const logged: Array<Record<string, unknown>> = [];
    const log = (entry: Record<string, unknown>) => logged.push(entry);
    const unavailable = toBackendError(
      grpcError(grpc.status.UNAVAILABLE, "No connection established. Last error: connect ECONNREFUSED 10.0.0.7:50051"),
      "classify",
      "/p",
      log,
    );
    expect(unavailable.rawMessage).toBe("classify backend unavailable");
    const deadline = toBackendError(grpcError(grpc.status.DEADLINE_EXCEEDED, "Deadline exceeded after 0.301s,remote_addr=10.0.0.7:50051"), "classify", "/p", log);
    expect(deadline.rawMessage).toBe("deadline exceeded");
    expect(logged.map((entry) => entry["details"])).toEqual([expect.stringContaining("ECONNREFUSED"), expect.stringContaining("remote_addr")]);
  });
});
