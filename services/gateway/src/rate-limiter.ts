/** A request rate: `requests` per `windowSeconds`. */
export interface RateLimit {
  /** Bucket size and refill per window. 0 means unlimited. */
  requests: number;
  windowSeconds: number;
}

/** The outcome of RateLimiter.take. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Per-API-key request rate limits. */
export interface RateLimiter {
  /** Takes one token from `keyName`'s bucket, or says how long until one is there. */
  take(keyName: string): RateDecision;
}

/** Options of createRateLimiter. */
export interface RateLimiterOptions {
  /** The limit of every key without an override. */
  defaultLimit: RateLimit;
  /** Per-key-name limits. */
  overrides?: ReadonlyMap<string, RateLimit>;
  /** Clock, for tests. Default performance.now(). */
  nowMs?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAtMs: number;
}

/**
 * A token bucket per key name: it holds up to `requests` tokens (the burst)
 * and refills continuously at requests / windowSeconds per second, so a key
 * gets `requests` per window on average and never more than that in a burst.
 * Buckets are keyed by the key's configured name (or "anonymous"), a set
 * fixed by the config, so the map cannot grow with traffic. Hand-written:
 * it is a few lines, and the rate-limit packages on npm are Fastify or
 * Express middlewares that would not cover the gRPC paths.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const nowMs = options.nowMs ?? (() => performance.now());
  const buckets = new Map<string, Bucket>();
  return {
    take(keyName) {
      const limit = options.overrides?.get(keyName) ?? options.defaultLimit;
      if (limit.requests <= 0) return { allowed: true };
      const ratePerMs = limit.requests / (limit.windowSeconds * 1000);
      const now = nowMs();
      const bucket = buckets.get(keyName) ?? { tokens: limit.requests, updatedAtMs: now };
      bucket.tokens = Math.min(limit.requests, bucket.tokens + (now - bucket.updatedAtMs) * ratePerMs);
      bucket.updatedAtMs = now;
      buckets.set(keyName, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      // Whole seconds (Retry-After has no fractions), at least 1.
      const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000));
      return { allowed: false, retryAfterSeconds };
    },
  };
}
