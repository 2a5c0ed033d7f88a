import type { Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";

/** Every protocol and HTTP version the gateway's one port serves, as a Connect client transport to `baseUrl`. */
export const PROTOCOLS = {
  "connect h1": (baseUrl: string) => createConnectTransport({ baseUrl, httpVersion: "1.1" }),
  "connect h2c": (baseUrl: string) => createConnectTransport({ baseUrl, httpVersion: "2" }),
  "grpc h2c": (baseUrl: string) => createGrpcTransport({ baseUrl }),
  "grpc-web h1": (baseUrl: string) => createGrpcWebTransport({ baseUrl, httpVersion: "1.1" }),
  "grpc-web h2c": (baseUrl: string) => createGrpcWebTransport({ baseUrl, httpVersion: "2" }),
} satisfies Record<string, (baseUrl: string) => Transport>;
