import { create, type DescMessage, type DescMethodUnary, type DescService, type MessageShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { ExtractService } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import {
  Health,
  HealthCheckRequestSchema,
  type HealthCheckRequest,
  type HealthCheckResponse,
  type HealthCheckResponse_ServingStatus,
} from "@docproc/gen/grpc/health/v1/health_pb.js";
import * as grpc from "@grpc/grpc-js";
import { grpcServiceDefinition, injectTraceContext, type Logger } from "@docproc/common";
import { toBackendError } from "./backend-error.js";
import { DEFAULT_BACKEND_RETRY_POLICY, retryBackendCall, type BackendRetryPolicy } from "./backend-retry.js";
import { REQUEST_ID_HEADER } from "./request-id.js";

/** Per-call options of BackendClient.call. */
export interface BackendCallOptions {
  /** The deadline, relative to now (see backendTimeoutMs). */
  timeoutMs: number;
  /** Aborting it cancels the grpc call; the call then rejects with ConnectError.from(signal.reason). */
  signal?: AbortSignal;
  /** Sent as x-request-id metadata. */
  requestId?: string;
  /** The request's logger, so a transport failure is logged with its request id. */
  logger?: Logger;
}

/** A grpc-js client of one backend service, with promise calls. */
export interface BackendClient {
  /** "classify" or "extract", for logs and messages. */
  readonly name: string;
  call<I extends DescMessage, O extends DescMessage>(
    method: DescMethodUnary<I, O>,
    request: MessageShape<I>,
    options: BackendCallOptions,
  ): Promise<MessageShape<O>>;
  /** The engine and model of the last successful answer (responses carry them), for /health. */
  lastAnswerEngine(): { engine: string; modelId: string } | undefined;
  /** grpc.health.v1 Check on the same channel; rejects with a ConnectError when the backend cannot answer. */
  checkHealth(options: { service?: string; timeoutMs: number }): Promise<HealthCheckResponse_ServingStatus>;
  close(): void;
}

/** Options of createBackendClient. */
export interface BackendClientOptions {
  name: string;
  /** A grpc target such as "dns:///extract:50052". */
  target: string;
  service: DescService;
  /** Largest message sent or received. */
  maxMessageBytes: number;
  /** Retries on UNAVAILABLE; default DEFAULT_BACKEND_RETRY_POLICY. */
  retry?: BackendRetryPolicy;
  observer?: BackendCallObserver;
  logger?: Logger;
}

/** Told about every backend attempt (health checks included, under their own method) and retry: metrics. */
export interface BackendCallObserver {
  /** `method` is the grpc path; `code` is undefined for success. */
  onAttempt?(event: { backend: string; method: string; code: Code | undefined; durationMs: number }): void;
  onRetry?(event: { backend: string; method: string }): void;
}

/** The two backends the gateway calls. */
export interface BackendClients {
  classify: BackendClient;
  extract: BackendClient;
  close(): void;
}

/** Builds both backend clients from the config. */
export function createBackendClients(options: {
  classifyAddr: string;
  extractAddr: string;
  maxMessageBytes: number;
  retry?: BackendRetryPolicy;
  observer?: BackendCallObserver;
  logger?: Logger;
}): BackendClients {
  const common = { maxMessageBytes: options.maxMessageBytes, retry: options.retry, observer: options.observer, logger: options.logger };
  const classify = createBackendClient({ name: "classify", target: options.classifyAddr, service: ClassifyService, ...common });
  const extract = createBackendClient({ name: "extract", target: options.extractAddr, service: ExtractService, ...common });
  return {
    classify,
    extract,
    close() {
      classify.close();
      extract.close();
    },
  };
}

const healthCheck = grpcServiceDefinition(Health)["check"] as grpc.MethodDefinition<HealthCheckRequest, HealthCheckResponse>;

/**
 * A grpc-js client built from the protobuf-es descriptor (one codegen).
 * round_robin spreads calls over every address the dns:/// target resolves
 * to (several replicas behind one name). Calls that fail with UNAVAILABLE
 * are retried with full-jitter backoff within the call's deadline
 * (options.retry); health checks are not retried.
 */
export function createBackendClient(options: BackendClientOptions): BackendClient {
  const definition = grpcServiceDefinition(options.service);
  // No grpc-js retryPolicy: UNAVAILABLE is retried by retryBackendCall (see
  // backend-retry.ts for why); grpc-js still makes its transparent retries of
  // attempts that never left the client.
  const serviceConfig = { loadBalancingConfig: [{ round_robin: {} }] };
  const Client = grpc.makeGenericClientConstructor(definition, options.service.typeName);
  const client = new Client(options.target, grpc.credentials.createInsecure(), {
    "grpc.service_config": JSON.stringify(serviceConfig),
    "grpc.keepalive_time_ms": 30_000,
    "grpc.keepalive_timeout_ms": 10_000,
    "grpc.max_send_message_length": options.maxMessageBytes,
    "grpc.max_receive_message_length": options.maxMessageBytes,
  });

  const retryPolicy = options.retry ?? DEFAULT_BACKEND_RETRY_POLICY;

  /** One grpc call, ending at the absolute `deadlineAt`. */
  function attempt<I, O>(
    path: string,
    method: grpc.MethodDefinition<I, O>,
    request: I,
    callOptions: BackendCallOptions,
    deadlineAt: number,
    failureLogLevel: "warn" | "debug",
  ): Promise<O> {
    const { signal } = callOptions;
    const startedAt = performance.now();
    const observe = (code: Code | undefined) =>
      options.observer?.onAttempt?.({ backend: options.name, method: path, code, durationMs: performance.now() - startedAt });
    return new Promise<O>((resolve, reject) => {
      if (signal?.aborted) {
        reject(ConnectError.from(signal.reason, Code.Canceled));
        return;
      }
      const metadata = new grpc.Metadata();
      if (callOptions.requestId) metadata.set(REQUEST_ID_HEADER, callOptions.requestId);
      // traceparent of the active span (the gateway's RPC or REST span), when tracing is on.
      injectTraceContext(metadata);
      const onAbort = () => call.cancel();
      const call = client.makeUnaryRequest(
        path,
        method.requestSerialize,
        method.responseDeserialize,
        request,
        metadata,
        { deadline: deadlineAt },
        (error, response) => {
          signal?.removeEventListener("abort", onAbort);
          if (!error && response !== undefined) {
            observe(undefined);
            resolve(response);
            return;
          }
          const failure = signal?.aborted
            ? ConnectError.from(signal.reason, Code.Canceled)
            : toBackendError(error, options.name, path, (entry) => callOptions.logger?.[failureLogLevel](entry, "backend call failed"));
          observe(failure.code);
          reject(failure);
        },
      );
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  let lastEngine: { engine: string; modelId: string } | undefined;
  const rememberEngine = <T>(response: T): T => {
    const answer = response as { engine?: unknown; modelId?: unknown };
    if (typeof answer.engine === "string" && answer.engine && typeof answer.modelId === "string") {
      lastEngine = { engine: answer.engine, modelId: answer.modelId };
    }
    return response;
  };

  return {
    name: options.name,
    lastAnswerEngine: () => lastEngine,
    call(method, request, callOptions) {
      const entry = definition[method.localName];
      if (method.parent.typeName !== options.service.typeName || entry === undefined) {
        return Promise.reject(new ConnectError(`${method.name} is not a method of the ${options.name} backend`, Code.Internal));
      }
      const definitionEntry = entry as grpc.MethodDefinition<typeof request, MessageShape<typeof method.output>>;
      const perCall = { ...callOptions, logger: callOptions.logger ?? options.logger };
      const deadlineAt = Date.now() + callOptions.timeoutMs;
      return retryBackendCall((_attempt, signal) => attempt(entry.path, definitionEntry, request, { ...perCall, signal }, deadlineAt, "warn"), {
        policy: retryPolicy,
        deadlineAt,
        signal: callOptions.signal,
        onRetry: (failedAttempt, delayMs) => {
          perCall.logger?.info({ backend: options.name, rpc: entry.path, failedAttempt, delayMs: Math.round(delayMs) }, "retrying backend call");
          options.observer?.onRetry?.({ backend: options.name, method: entry.path });
        },
      }).then(rememberEngine);
    },
    async checkHealth({ service = "", timeoutMs }) {
      const request = create(HealthCheckRequestSchema, { service });
      // Probes of a down backend would log on every /health hit: debug only.
      const response = await attempt(healthCheck.path, healthCheck, request, { timeoutMs, logger: options.logger }, Date.now() + timeoutMs, "debug");
      return response.status;
    },
    close() {
      client.close();
    },
  };
}
