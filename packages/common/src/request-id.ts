import { randomUUID } from "node:crypto";

/** The metadata / HTTP header that carries a call's request id end to end. */
export const kRequestIdHeader = "x-request-id";

/** Longest client-chosen request id we keep; longer ones are replaced. */
const MAX_REQUEST_ID_LENGTH = 128;

/** A new request id: a random UUID v4. */
export function createRequestId(): string {
  return randomUUID();
}

/**
 * The request id a client sent, if it is safe to echo and log (printable
 * ASCII, no spaces, bounded length); otherwise a new one.
 */
export function acceptRequestId(value: unknown): string {
  if (typeof value === "string" && value.length > 0 && value.length <= MAX_REQUEST_ID_LENGTH && /^[\x21-\x7e]+$/.test(value)) {
    return value;
  }
  return createRequestId();
}
