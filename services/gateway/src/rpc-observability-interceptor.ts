import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { grpcCodeName, startServerSpan } from "@docproc/common";
import { kPrincipal, kRequestId } from "./context-keys.js";
import type { GatewayMetrics } from "./gateway-metrics.js";

/**
 * Metrics and a server span for each unary RPC. Outermost interceptor, so it
 * times everything after the gate (parsing, page cap, backend calls) and the
 * span is active while the handler runs: backend calls then carry its
 * traceparent and the backends' spans join the same trace. Streaming RPCs
 * (health Watch, reflection) are left out: their interceptor returns when
 * the stream starts, not when it ends.
 */
export function createRpcObservabilityInterceptor(metrics: GatewayMetrics): Interceptor {
  return (next) => async (req) => {
    if (req.stream) return next(req);
    const endInflight = metrics.trackInflight();
    const startedAt = performance.now();
    const span = startServerSpan(`${req.service.typeName}/${req.method.name}`, Object.fromEntries(req.header), {
      "rpc.system": "grpc",
      "rpc.service": req.service.typeName,
      "rpc.method": req.method.name,
      "docproc.request_id": req.contextValues.get(kRequestId),
      "docproc.principal": req.contextValues.get(kPrincipal),
    });
    const settle = (code: Code | 0, message?: string) => {
      endInflight();
      span.end(code, message);
      metrics.observeRequest(req.method.name, grpcCodeName(code), (performance.now() - startedAt) / 1000);
    };
    try {
      const res = await span.run(() => next(req));
      settle(0);
      return res;
    } catch (cause) {
      const error = ConnectError.from(cause);
      settle(error.code, error.rawMessage);
      throw cause;
    }
  };
}
