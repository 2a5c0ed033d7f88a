import { create, type DescMethod, type MessageInitShape, type DescMessage } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { Metadata, status as GrpcStatus, type handleUnaryCall } from "@grpc/grpc-js";
import type { Logger } from "pino";
import { createCallContext, type CallContext } from "./call-context.js";
import { toGrpcStatus } from "./grpc-status.js";
import { type InflightLimit, serverBusyError } from "./inflight-limit.js";
import { grpcCodeName, type RpcMetrics } from "./metrics.js";
import { acceptRequestId, kRequestIdHeader } from "./request-id.js";
import { startServerSpan } from "./tracing.js";

/** A unary handler: the request message in, the response (or its init shape) out. */
export type UnaryHandler<I = any, O = any> = (request: I, ctx: CallContext) => Promise<O>;

/** Counts unary calls in flight (for shutdown). */
export interface InFlightTracker {
  begin(): void;
  end(): void;
}

/** Options of createUnaryCallHandler. */
export interface UnaryCallHandlerOptions {
  logger: Logger;
  tracker?: InFlightTracker;
  /** Back-pressure: a call that does not fit is answered RESOURCE_EXHAUSTED at once, never queued. */
  admission?: InflightLimit;
  /** Counts every call by status code and times it. */
  metrics?: RpcMetrics;
}

/**
 * Adapts a promise-returning handler to grpc-js: admission, request id in
 * and out, deadline/cancel as an AbortSignal, ConnectError → status, a
 * server span continuing the caller's trace, metrics and one log line.
 */
export function createUnaryCallHandler(
  method: DescMethod,
  handler: UnaryHandler,
  options: UnaryCallHandlerOptions,
): handleUnaryCall<unknown, unknown> {
  const rpc = `${method.parent.typeName}/${method.name}`;
  const { admission, metrics } = options;
  return (call, callback) => {
    const startedAt = performance.now();
    const requestId = acceptRequestId(call.metadata.get(kRequestIdHeader)[0]);
    const logger = options.logger.child({ requestId, rpc });
    const idMetadata = new Metadata();
    idMetadata.set(kRequestIdHeader, requestId);
    const span = startServerSpan(rpc, call.metadata, {
      "rpc.system": "grpc",
      "rpc.service": method.parent.typeName,
      "rpc.method": method.name,
      "docproc.request_id": requestId,
    });
    const settle = (code: number, message?: string): void => {
      span.end(code, message);
      metrics?.observeRpc(method.name, grpcCodeName(code), (performance.now() - startedAt) / 1000);
      logCall(logger, code, startedAt);
    };
    const fail = (error: ConnectError): void => {
      const status = toGrpcStatus(error);
      // On errors the id rides in the trailers: sending headers first would
      // stop the response being Trailers-Only, which grpc-js retries need.
      status.metadata.merge(idMetadata);
      callback(status);
      settle(error.code, error.rawMessage);
    };

    if (admission && !admission.tryAcquire()) {
      metrics?.countRejected("requests");
      fail(serverBusyError(admission.inFlight, "requests"));
      return;
    }
    const handle = createCallContext(call, { requestId, logger });

    const run = async (): Promise<void> => {
      options.tracker?.begin();
      try {
        const response = create(method.output as DescMessage, (await handler(call.request, handle.context)) as MessageInitShape<DescMessage>);
        handle.finish();
        call.sendMetadata(idMetadata);
        callback(null, response);
        settle(GrpcStatus.OK);
      } catch (cause) {
        handle.finish();
        fail(toPublicError(cause, handle.context.signal, logger));
      } finally {
        admission?.release();
        options.tracker?.end();
      }
    };
    void span.run(run);
  };
}

/**
 * What the client may see: ConnectErrors pass through (their messages are
 * written for clients); an abort becomes the signal's reason; anything else
 * is logged here and answered as a bare INTERNAL, so no stack, path or
 * secret leaks.
 */
function toPublicError(cause: unknown, signal: AbortSignal, logger: Logger): ConnectError {
  if (cause instanceof ConnectError) return cause;
  if (signal.aborted && signal.reason instanceof ConnectError) return signal.reason;
  logger.error({ err: cause }, "handler failed");
  return new ConnectError("internal error", Code.Internal);
}

function logCall(logger: Logger, code: number, startedAt: number): void {
  const durationMs = Math.round(performance.now() - startedAt);
  const entry = { code: GrpcStatus[code] ?? String(code), durationMs };
  if (code === Code.Internal || code === Code.Unknown || code === Code.DataLoss) logger.error(entry, "rpc");
  else if (code === Code.Unavailable || code === Code.DeadlineExceeded || code === Code.ResourceExhausted) {
    logger.warn(entry, "rpc");
  } else logger.info(entry, "rpc");
}
