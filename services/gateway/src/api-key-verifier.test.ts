import { describe, expect, it } from "vitest";
import { createApiKeyVerifier, presentedApiKey } from "./api-key-verifier.js";
import { digestApiKey } from "./config.js";

const verifier = createApiKeyVerifier({
  keys: [
    { name: "alice", sha256: digestApiKey("alice-key") },
    { name: "bob", sha256: digestApiKey("bøb-ключ") },
  ],
});

describe("createApiKeyVerifier", () => {
  it("names the principal of a good key", () => {
    expect(verifier.verify("alice-key")).toEqual({ ok: true, principal: "alice" });
    expect(verifier.verify("bøb-ключ")).toEqual({ ok: true, principal: "bob" });
  });

  it("tells a missing key from a wrong one, whatever its length or characters", () => {
    expect(verifier.verify(undefined)).toEqual({ ok: false, reason: "missing" });
    expect(verifier.verify("")).toEqual({ ok: false, reason: "missing" });
    for (const wrong of ["alice-ke", "alice-key-", "x".repeat(10_000), "ключ", "\u00e9\u00f8"]) {
      expect(verifier.verify(wrong)).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("accepts everyone as anonymous when disabled", () => {
    expect(createApiKeyVerifier({ keys: [], disabled: true }).verify(undefined)).toEqual({ ok: true, principal: "anonymous" });
  });
});

describe("presentedApiKey", () => {
  const from = (headers: Record<string, string>) => presentedApiKey((name) => headers[name]);
  it("reads x-api-key first, then a Bearer token", () => {
    expect(from({ "x-api-key": " k1 ", authorization: "Bearer k2" })).toBe("k1");
    expect(from({ authorization: "Bearer k2" })).toBe("k2");
    expect(from({ authorization: "bearer   k3 " })).toBe("k3");
    expect(from({ authorization: "Basic abc" })).toBeUndefined();
    expect(from({})).toBeUndefined();
  });
});
