import type { RateLimit } from "./rate-limiter.js";

const ITEM = /^([A-Za-z0-9._-]{1,64}):(\d{1,9})\/(\d{1,9})$/;

/**
 * Parses RATE_LIMIT_OVERRIDES: "name:requests/windowSeconds,…", such as
 * "batch:6000/60,web:100/1". `knownNames` are the configured key names (and
 * "anonymous"); an override for any other name is a typo, reported rather
 * than silently ignored. Problems are appended to `problems`.
 */
export function parseRateLimitOverrides(text: string | undefined, knownNames: ReadonlySet<string>, problems: string[]): Map<string, RateLimit> {
  const overrides = new Map<string, RateLimit>();
  if (text === undefined) return overrides;
  text.split(",").forEach((raw, index) => {
    const item = raw.trim();
    const match = ITEM.exec(item);
    if (match === null) {
      problems.push(`RATE_LIMIT_OVERRIDES: item ${index + 1} is not 'name:requests/windowSeconds'`);
      return;
    }
    const [, name = "", requests = "", windowSeconds = ""] = match;
    if (!knownNames.has(name)) {
      problems.push(`RATE_LIMIT_OVERRIDES: '${name}' is not a configured key name`);
      return;
    }
    if (overrides.has(name)) {
      problems.push(`RATE_LIMIT_OVERRIDES: '${name}' is listed twice`);
      return;
    }
    if (Number(windowSeconds) === 0) {
      problems.push(`RATE_LIMIT_OVERRIDES: '${name}' needs a window of at least 1 second`);
      return;
    }
    overrides.set(name, { requests: Number(requests), windowSeconds: Number(windowSeconds) });
  });
  return overrides;
}
