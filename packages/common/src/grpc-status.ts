import { Code, ConnectError } from "@connectrpc/connect";
import { Metadata, type StatusObject } from "@grpc/grpc-js";

// Connect's Code numbers are the gRPC status numbers (1..16), so codes map
// one to one; only metadata needs translating.

/** Headers gRPC reserves for the transport; never copied into metadata. */
const RESERVED = /^(grpc-|:|content-type$|te$|user-agent$)/;

/** A ConnectError as a grpc-js status: same code, the raw message, its metadata. */
export function toGrpcStatus(error: ConnectError): StatusObject {
  return {
    code: error.code as number,
    details: error.rawMessage,
    metadata: headersToMetadata(error.metadata),
  };
}

/**
 * A grpc-js client error (or anything else) as a ConnectError with the same
 * code and the server's message, keeping the original as `cause`.
 */
export function fromGrpcError(error: unknown): ConnectError {
  if (error instanceof ConnectError) return error;
  if (isGrpcError(error)) {
    const code = error.code >= Code.Canceled && error.code <= Code.Unauthenticated ? (error.code as Code) : Code.Unknown;
    const headers = error.metadata instanceof Metadata ? metadataToHeaders(error.metadata) : undefined;
    return new ConnectError(error.details, code, headers, undefined, error);
  }
  return ConnectError.from(error);
}

/** Copies headers into grpc-js Metadata; "-bin" values are base64 in Headers. */
export function headersToMetadata(headers: Headers): Metadata {
  const metadata = new Metadata();
  headers.forEach((value, key) => {
    if (RESERVED.test(key)) return;
    if (key.endsWith("-bin")) metadata.add(key, Buffer.from(value, "base64"));
    else metadata.add(key, value);
  });
  return metadata;
}

/** Copies grpc-js Metadata into Headers; binary values become base64. */
export function metadataToHeaders(metadata: Metadata): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(metadata.getMap())) {
    if (RESERVED.test(key)) continue;
    headers.append(key, typeof values === "string" ? values : Buffer.from(values).toString("base64"));
  }
  return headers;
}

interface GrpcErrorLike {
  code: number;
  details: string;
  metadata?: unknown;
}

function isGrpcError(error: unknown): error is GrpcErrorLike {
  if (typeof error !== "object" || error === null) return false;
  const candidate = error as Partial<GrpcErrorLike>;
  return typeof candidate.code === "number" && typeof candidate.details === "string";
}
