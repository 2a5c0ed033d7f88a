import { Code } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { restStatusForCode } from "./rest-errors.js";
import { codeForRestStatus } from "./rest-observability.js";

describe("codeForRestStatus", () => {
  it("reverses the REST status table for the codes it maps one to one", () => {
    for (const code of [Code.InvalidArgument, Code.Unauthenticated, Code.PermissionDenied, Code.NotFound, Code.ResourceExhausted, Code.Canceled, Code.Unimplemented, Code.Unavailable, Code.DeadlineExceeded]) {
      expect([code, codeForRestStatus(restStatusForCode(code))]).toEqual([code, code]);
    }
  });
  it("answers OK below 400 and a generic code for other statuses", () => {
    expect(codeForRestStatus(200)).toBe(0);
    expect(codeForRestStatus(413)).toBe(Code.ResourceExhausted);
    expect(codeForRestStatus(418)).toBe(Code.InvalidArgument);
    expect(codeForRestStatus(502)).toBe(Code.Internal);
  });
});
