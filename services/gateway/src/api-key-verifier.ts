import { timingSafeEqual } from "node:crypto";
import { digestApiKey, type ApiKeyEntry } from "./config.js";

/** The outcome of checking a request's key. */
export type ApiKeyCheck = { ok: true; principal: string } | { ok: false; reason: "missing" | "invalid" };

/** Checks presented API keys against the configured ones. */
export interface ApiKeyVerifier {
  /** `presented` is the key from the request, or undefined when it carried none. */
  verify(presented: string | undefined): ApiKeyCheck;
}

/** Options of createApiKeyVerifier. */
export interface ApiKeyVerifierOptions {
  keys: readonly ApiKeyEntry[];
  /** Accept every request as "anonymous" (local use; config requires it to be explicit). */
  disabled?: boolean;
}

/**
 * Compares in constant time: both sides are SHA-256 digests of equal length,
 * so timingSafeEqual can neither throw on a length or encoding mismatch (the
 * non-ASCII 500 of the system we replace) nor leak the key's length. Every
 * configured key is compared, so the time does not tell which one matched.
 */
export function createApiKeyVerifier(options: ApiKeyVerifierOptions): ApiKeyVerifier {
  const keys = [...options.keys];
  return {
    verify(presented) {
      if (options.disabled === true) return { ok: true, principal: "anonymous" };
      if (presented === undefined || presented === "") return { ok: false, reason: "missing" };
      const digest = digestApiKey(presented);
      let principal: string | undefined;
      for (const key of keys) {
        if (timingSafeEqual(digest, key.sha256) && principal === undefined) principal = key.name;
      }
      return principal === undefined ? { ok: false, reason: "invalid" } : { ok: true, principal };
    },
  };
}

/** The key from `x-api-key`, else from `authorization: Bearer <key>`. */
export function presentedApiKey(get: (name: string) => string | undefined | null): string | undefined {
  const direct = get("x-api-key")?.trim();
  if (direct) return direct;
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(get("authorization") ?? "");
  return match?.[1];
}
