import { describe, expect, it } from "vitest";
import { resolveRequestId } from "./request-id.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("resolveRequestId", () => {
  it("keeps a safe id", () => {
    expect(resolveRequestId("abc-DEF_1.2")).toBe("abc-DEF_1.2");
    expect(resolveRequestId(["first", "second"])).toBe("first");
    expect(resolveRequestId("x".repeat(128))).toBe("x".repeat(128));
  });

  it("replaces a missing, long or unsafe id with a uuid v4", () => {
    for (const value of [undefined, "", "x".repeat(129), "with space", "line\nbreak", "a/b", "é"]) {
      expect(resolveRequestId(value)).toMatch(UUID_V4);
    }
  });
});
