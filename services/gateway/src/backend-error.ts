import { Code, ConnectError } from "@connectrpc/connect";
import { fromGrpcError } from "@docproc/common";
import type * as grpc from "@grpc/grpc-js";

// grpc-js's own messages (connection failures, its deadline timer) name
// addresses and internals; callers get a short message, the log the rest.
const TRANSPORT_DETAILS =
  /no connection established|name resolution failed|connection dropped|rst_stream|econn|ehostunreach|etimedout|deadline exceeded after|cancelled on client|received http status|protocol error/i;

/**
 * A grpc-js client error as a ConnectError with the same code. The backend's
 * own messages pass through (backends write them for clients); grpc-js's
 * transport messages become a short one and go to `log` instead. Only
 * retry-after survives from the trailers.
 */
export function toBackendError(
  error: grpc.ServiceError | null,
  backend: string,
  path: string,
  log: (entry: Record<string, unknown>) => void,
): ConnectError {
  const mapped = fromGrpcError(error ?? new ConnectError("empty response", Code.Internal));
  const fromTransport = TRANSPORT_DETAILS.test(mapped.rawMessage);
  if (fromTransport) log({ backend, rpc: path, code: Code[mapped.code], details: mapped.rawMessage });
  // Only retry-after is worth passing on; other backend trailers stay internal.
  const retryAfter = mapped.metadata.get("retry-after");
  const metadata = retryAfter === null ? undefined : new Headers({ "retry-after": retryAfter });
  const message = fromTransport ? transportMessage(mapped.code, backend) : mapped.rawMessage;
  return new ConnectError(message, mapped.code, metadata, undefined, error);
}

function transportMessage(code: Code, backend: string): string {
  switch (code) {
    case Code.DeadlineExceeded:
      return "deadline exceeded";
    case Code.Canceled:
      return "call canceled";
    case Code.Unavailable:
      return `${backend} backend unavailable`;
    default:
      return `${backend} backend error`;
  }
}
