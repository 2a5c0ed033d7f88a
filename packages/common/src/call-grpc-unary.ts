import { create, fromBinary, toBinary, type DescMessage, type DescMethodUnary, type MessageInitShape, type MessageShape } from "@bufbuild/protobuf";
import { Metadata, type CallOptions, type Client, type ServiceError } from "@grpc/grpc-js";
import { fromGrpcError } from "./grpc-status.js";
import { injectTraceContext, tracingEnabled } from "./tracing.js";

/** Options of callGrpcUnary. */
export interface CallGrpcUnaryOptions {
  metadata?: Metadata;
  /** Absolute deadline; grpc-js sends it as grpc-timeout. */
  deadline?: Date;
  /** Cancels the call (the error is then Canceled). */
  signal?: AbortSignal;
}

/** A unary response with both metadata blocks. */
export interface GrpcUnaryResult<O> {
  response: O;
  header: Metadata;
  trailer: Metadata;
}

/**
 * One unary call on a plain grpc-js Client with protobuf-es messages,
 * rejecting with a ConnectError (same code, server message, trailers as
 * metadata). With tracing on, the active trace context (traceparent) is added
 * to a copy of the metadata, so the backend's span joins the caller's trace.
 */
export function callGrpcUnary<I extends DescMessage, O extends DescMessage>(
  client: Client,
  method: DescMethodUnary<I, O>,
  request: MessageInitShape<I>,
  options: CallGrpcUnaryOptions = {},
): Promise<GrpcUnaryResult<MessageShape<O>>> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(fromGrpcError(options.signal.reason));
      return;
    }
    let header = new Metadata();
    let trailer = new Metadata();
    let outcome: { error: ServiceError | null; response: MessageShape<O> | undefined } | undefined;
    const callOptions: CallOptions = options.deadline ? { deadline: options.deadline } : {};
    const metadata = options.metadata ?? new Metadata();
    const call = client.makeUnaryRequest<MessageShape<I>, MessageShape<O>>(
      `/${method.parent.typeName}/${method.name}`,
      (message) => Buffer.from(toBinary(method.input, message)),
      (bytes) => fromBinary(method.output, bytes),
      create(method.input, request),
      tracingEnabled() ? injectTraceContext(metadata.clone()) : metadata,
      callOptions,
      (error, response) => {
        // grpc-js calls back before it emits "status"; settle there so the
        // trailers are known.
        outcome = { error, response };
      },
    );
    const onAbort = (): void => call.cancel();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    call.on("metadata", (value: Metadata) => {
      header = value;
    });
    call.on("status", (status: { metadata: Metadata }) => {
      trailer = status.metadata;
      options.signal?.removeEventListener("abort", onAbort);
      if (outcome?.error) reject(fromGrpcError(outcome.error));
      else if (outcome?.response) resolve({ response: outcome.response, header, trailer });
      else reject(fromGrpcError(new Error("call ended without a response")));
    });
  });
}
