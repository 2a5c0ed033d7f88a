import { randomUUID } from "node:crypto";

/** The header that carries the request id, in and out. */
export const REQUEST_ID_HEADER = "x-request-id";

const VALID_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * The caller's x-request-id when it is a safe token (≤128 of [A-Za-z0-9._-]:
 * it goes into logs and backend metadata), otherwise a fresh uuid v4.
 */
export function resolveRequestId(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && VALID_REQUEST_ID.test(value) ? value : randomUUID();
}
