import { Code, ConnectError } from "@connectrpc/connect";
import { Metadata, status } from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import { fromGrpcError, toGrpcStatus } from "./grpc-status.js";

describe("toGrpcStatus", () => {
  it("keeps the code number and the raw message, and copies metadata", () => {
    const error = new ConnectError("grounding_box: x_min must be < x_max", Code.InvalidArgument, { "retry-after": "1", "grpc-status": "9" });
    const result = toGrpcStatus(error);
    expect(result.code).toBe(status.INVALID_ARGUMENT);
    expect(result.details).toBe("grounding_box: x_min must be < x_max");
    expect(result.metadata.get("retry-after")).toEqual(["1"]);
    expect(result.metadata.get("grpc-status")).toEqual([]);
  });
});

describe("fromGrpcError", () => {
  it("turns a grpc-js error into a ConnectError with the same code and details", () => {
    const metadata = new Metadata();
    metadata.set("x-request-id", "abc");
    const grpcError = Object.assign(new Error("14 UNAVAILABLE: model down"), { code: status.UNAVAILABLE, details: "model down", metadata });
    const error = fromGrpcError(grpcError);
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toBe("model down");
    expect(error.metadata.get("x-request-id")).toBe("abc");
    expect(error.cause).toBe(grpcError);
  });

  it("passes ConnectErrors through and wraps anything else", () => {
    const connectError = new ConnectError("x", Code.NotFound);
    expect(fromGrpcError(connectError)).toBe(connectError);
    expect(fromGrpcError(new Error("boom")).code).toBe(Code.Unknown);
    expect(fromGrpcError({ code: 99, details: "odd" }).code).toBe(Code.Unknown);
  });
});
