import { Code, ConnectError } from "@connectrpc/connect";

/**
 * Re-raises `error` with `prefix` (e.g. "sources[2]") in front of its message, keeping the code.
 * Anything that is not a ConnectError is an unexpected failure: it becomes Internal with a
 * generic message, and the original stays in `cause` for logs only.
 */
export function prefixError(error: unknown, prefix: string): ConnectError {
  if (error instanceof ConnectError) {
    return new ConnectError(`${prefix}: ${error.rawMessage}`, error.code, error.metadata, undefined, error.cause);
  }
  return new ConnectError(`${prefix}: internal error`, Code.Internal, undefined, undefined, error);
}
