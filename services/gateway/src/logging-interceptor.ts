import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { kLogger, kPrincipal } from "./context-keys.js";

/**
 * One log line per RPC (rpc, principal, code, duration) on the request's
 * child logger, which it also binds to the rpc for the handler. Errors that
 * are not ConnectErrors are logged with their stack and answered as a bare
 * INTERNAL: Connect would otherwise send their message to the client, and
 * connect-fastify does not pass them to Fastify's error handler.
 */
export function createLoggingInterceptor(): Interceptor {
  return (next) => async (req) => {
    const log = req.contextValues.get(kLogger).child({
      rpc: `${req.service.typeName}/${req.method.name}`,
      principal: req.contextValues.get(kPrincipal),
    });
    req.contextValues.set(kLogger, log);
    const startedAt = performance.now();
    const durationMs = () => Math.round(performance.now() - startedAt);
    try {
      const res = await next(req);
      log.info({ code: "ok", durationMs: durationMs(), stream: res.stream }, "rpc");
      return res;
    } catch (cause) {
      let error: ConnectError;
      if (cause instanceof ConnectError) {
        error = cause;
      } else {
        log.error({ err: cause }, "handler failed");
        error = new ConnectError("internal error", Code.Internal);
      }
      const entry = { code: Code[error.code], message: error.rawMessage, durationMs: durationMs() };
      if (error.code === Code.Internal || error.code === Code.Unknown || error.code === Code.DataLoss) log.error(entry, "rpc");
      else log.warn(entry, "rpc");
      throw error;
    }
  };
}
