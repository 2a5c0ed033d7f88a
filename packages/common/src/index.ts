export { DOCUMENT_TYPES, DOCUMENT_TYPE_LABELS, documentTypeLabel, parseDocumentTypeLabel } from "./document-types.js";
export { grpcServiceDefinition } from "./grpc-service-definition.js";
export { createLogger, type Logger, type LoggerConfig } from "./logger.js";
export {
  createReflectionResponder,
  fromV1alpha,
  toV1alpha,
  type ReflectionResponder,
  type ReflectionResponderOptions,
} from "./reflection.js";
export { addGrpcReflection, REFLECTION_SERVICE_NAMES } from "./add-grpc-reflection.js";
export {
  createGrpcServer,
  type GrpcServer,
  type GrpcServerOptions,
  type GrpcServiceRegistration,
} from "./grpc-server.js";
export { createUnaryCallHandler, type UnaryCallHandlerOptions, type UnaryHandler } from "./unary-call-handler.js";
export { createCallContext, type CallContext, type CallContextHandle } from "./call-context.js";
export { fromGrpcError, headersToMetadata, metadataToHeaders, toGrpcStatus } from "./grpc-status.js";
export { acceptRequestId, createRequestId, kRequestIdHeader } from "./request-id.js";
export {
  ConfigError,
  LOG_LEVELS,
  loadConfig,
  logLevel,
  port,
  positiveInt,
  stringBool,
  url,
} from "./config-helpers.js";
export { onShutdownSignals } from "./shutdown.js";
export {
  createReadinessMonitor,
  type ReadinessMonitor,
  type ReadinessMonitorOptions,
} from "./readiness-monitor.js";
export {
  callGrpcUnary,
  type CallGrpcUnaryOptions,
  type GrpcUnaryResult,
} from "./call-grpc-unary.js";
export type { InFlightTracker } from "./unary-call-handler.js";
export {
  describeBackendConfig,
  loadBackendConfig,
  type BackendConfig,
  type BackendEnvDefaults,
  type IngestConfig,
} from "./backend-env.js";
export { runBackend, type BackendEngine, type RunBackendOptions } from "./run-backend.js";
export {
  createBackendApp,
  type BackendApp,
  type BackendAppOptions,
  type ReadinessProbe,
} from "./backend-app.js";
export {
  createDeadlineSignal,
  registerSignalDeadline,
  remainingMs,
  signalDeadline,
  type DeadlineSignal,
} from "./signal-deadline.js";
export { fullJitterDelayMs, retryWithBackoff, type RetryOptions } from "./retry-with-backoff.js";
export { isTransientError, parseRetryAfterMs, retryAfterMsOf, retryHints } from "./retry-hints.js";
export { abortError } from "./abort-error.js";
export { createLimiter, type Limiter, type LimiterOptions, type Release } from "./create-limiter.js";
export {
  createInflightLimit,
  serverBusyError,
  type InflightLimit,
  type InflightLimitOptions,
} from "./inflight-limit.js";
export {
  createMetrics,
  grpcCodeName,
  type DocprocMetrics,
  type EngineMetrics,
  type RpcMetrics,
} from "./metrics.js";
export { createMetricFactory, type MetricFactory } from "./metric-factory.js";
export { createMetricsServer, type MetricsServer, type MetricsServerOptions } from "./metrics-server.js";
export {
  initTracing,
  injectTraceContext,
  startServerSpan,
  tracingEnabled,
  withSpan,
  type ServerSpan,
  type Tracing,
  type TracingOptions,
} from "./tracing.js";
export { observeOcr, type Recognizer } from "./observe-ocr.js";
