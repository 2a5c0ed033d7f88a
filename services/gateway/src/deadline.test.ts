import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { backendTimeoutMs, capDeadlineHeaders } from "./deadline.js";

describe("backendTimeoutMs", () => {
  const limits = { defaultDeadlineMs: 120_000, maxDeadlineMs: 600_000 };
  it("uses the caller's time left, the default without one, and caps at the maximum", () => {
    expect(backendTimeoutMs(300, limits)).toBe(300);
    expect(backendTimeoutMs(undefined, limits)).toBe(120_000);
    expect(backendTimeoutMs(900_000, limits)).toBe(600_000);
    expect(backendTimeoutMs(-5, limits)).toBe(0);
  });
});

describe("capDeadlineHeaders", () => {
  const capped = (headers: IncomingHttpHeaders) => {
    capDeadlineHeaders(headers, 600_000);
    return headers;
  };
  it("caps Connect and gRPC deadlines above the maximum", () => {
    expect(capped({ "connect-timeout-ms": "9999999999" })["connect-timeout-ms"]).toBe("600000");
    expect(capped({ "grpc-timeout": "1H" })["grpc-timeout"]).toBe("600000m");
    expect(capped({ "grpc-timeout": "99999999S" })["grpc-timeout"]).toBe("600000m");
  });
  it("leaves shorter, equal and malformed values alone", () => {
    expect(capped({ "connect-timeout-ms": "600000" })["connect-timeout-ms"]).toBe("600000");
    expect(capped({ "connect-timeout-ms": "abc" })["connect-timeout-ms"]).toBe("abc");
    expect(capped({ "grpc-timeout": "10M" })["grpc-timeout"]).toBe("10M");
    expect(capped({ "grpc-timeout": "5000000000n" })["grpc-timeout"]).toBe("5000000000n");
    expect(capped({ "grpc-timeout": "1 H" })["grpc-timeout"]).toBe("1 H");
  });
});
