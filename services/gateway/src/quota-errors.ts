import { Code, ConnectError } from "@connectrpc/connect";

/** Why the gateway turned a request away before any backend saw it. */
export type RejectionReason = "auth" | "rate_limit" | "page_cap";

/**
 * How long a caller refused by the page cap should wait. The cap frees up as
 * soon as any of the key's requests finishes, which the gateway cannot
 * predict; one second is the shortest Retry-After can say.
 */
export const PAGE_CAP_RETRY_AFTER_SECONDS = 1;

/**
 * RESOURCE_EXHAUSTED with a retry-after header. Connect sends error metadata
 * as response headers for Connect unary (HTTP 429 + Retry-After), as trailers
 * for gRPC and gRPC-Web, and the REST error handler copies it to Retry-After.
 */
function resourceExhausted(message: string, retryAfterSeconds: number): ConnectError {
  return new ConnectError(message, Code.ResourceExhausted, new Headers({ "retry-after": String(retryAfterSeconds) }));
}

/** The API key used up its request rate. The message is also the REST detail. */
export function rateLimitExceeded(retryAfterSeconds: number): ConnectError {
  return resourceExhausted("rate limit exceeded", retryAfterSeconds);
}

/** The API key has too many pages in flight. */
export function pagesInFlightExceeded(maxPagesPerKey: number): ConnectError {
  return resourceExhausted(`too many pages in flight for this API key (limit ${maxPagesPerKey})`, PAGE_CAP_RETRY_AFTER_SECONDS);
}
