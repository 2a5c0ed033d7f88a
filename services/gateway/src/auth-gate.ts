import { Code, ConnectError, type HandlerContext } from "@connectrpc/connect";
import type { FastifyReply, FastifyRequest } from "fastify";
import { presentedApiKey, type ApiKeyVerifier } from "./api-key-verifier.js";
import { kLogger, kPrincipal } from "./context-keys.js";
import type { RejectionReason } from "./quota-errors.js";

/** Told about every rejected request (metrics). */
export type OnReject = (reason: RejectionReason) => void;

/** Services any caller may use: probes and tooling must work without a key. */
export function isAuthExempt(serviceTypeName: string): boolean {
  return serviceTypeName === "grpc.health.v1.Health" || serviceTypeName.startsWith("grpc.reflection.");
}

/**
 * The Connect `requestGate`: runs once headers are in, before the body is
 * read, so an unauthenticated caller cannot make the gateway buffer and parse
 * a large message. Gate rejections skip interceptors, so the rejection is
 * logged here (with the request's reqId, never the key).
 */
export function createAuthGate(verifier: ApiKeyVerifier, onReject?: OnReject): (ctx: HandlerContext) => void {
  return (ctx) => {
    if (isAuthExempt(ctx.service.typeName)) return;
    const check = verifier.verify(presentedApiKey((name) => ctx.requestHeader.get(name)));
    if (check.ok) {
      ctx.values.set(kPrincipal, check.principal);
      return;
    }
    const message = check.reason === "missing" ? "missing API key" : "invalid API key";
    onReject?.("auth");
    ctx.values.get(kLogger).warn(
      { rpc: `${ctx.service.typeName}/${ctx.method.name}`, protocol: ctx.protocolName, reason: check.reason },
      "request rejected: %s",
      message,
    );
    throw new ConnectError(message, Code.Unauthenticated);
  };
}

/**
 * The same check for the REST routes, as a Fastify onRequest hook (before the
 * body is parsed). Answers like the system we replace: 401 with
 * {"detail":"Missing API key"} or {"detail":"Invalid API key"}.
 */
export function createRestAuthHook(verifier: ApiKeyVerifier, onReject?: OnReject) {
  return async function restAuth(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const check = verifier.verify(presentedApiKey(header));
    if (check.ok) {
      request.principal = check.principal;
      return;
    }
    onReject?.("auth");
    request.log.warn({ route: request.url.split("?")[0], reason: check.reason }, "request rejected");
    const detail = check.reason === "missing" ? "Missing API key" : "Invalid API key";
    await reply.code(401).send({ detail });
  };
}

declare module "fastify" {
  interface FastifyRequest {
    /** The API key name that authenticated a REST call. */
    principal?: string;
  }
}
