import type { Interceptor, Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";

/** The ways a client reaches the gateway. */
export const PROTOCOLS = ["connect-h1", "connect-h2", "grpc-h2", "grpc-web-h1"] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export function isProtocol(value: string): value is Protocol {
  return (PROTOCOLS as readonly string[]).includes(value);
}

/** Adds x-api-key to every call. */
export function apiKeyInterceptor(apiKey: string): Interceptor {
  return (next) => async (request) => {
    request.header.set("x-api-key", apiKey);
    return next(request);
  };
}

/**
 * A connect-node transport for one protocol: Connect (JSON) over HTTP/1.1
 * or h2c, gRPC over h2c, gRPC-Web (binary) over HTTP/1.1.
 */
export function createTransport(protocol: Protocol, baseUrl: string, apiKey?: string): Transport {
  const interceptors = apiKey ? [apiKeyInterceptor(apiKey)] : [];
  switch (protocol) {
    case "connect-h1":
      return createConnectTransport({ baseUrl, httpVersion: "1.1", useBinaryFormat: false, interceptors });
    case "connect-h2":
      return createConnectTransport({ baseUrl, httpVersion: "2", useBinaryFormat: false, interceptors });
    case "grpc-h2":
      return createGrpcTransport({ baseUrl, interceptors });
    case "grpc-web-h1":
      return createGrpcWebTransport({ baseUrl, httpVersion: "1.1", interceptors });
  }
}
