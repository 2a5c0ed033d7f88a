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
export { createUnaryCallHandler, type UnaryHandler } from "./unary-call-handler.js";
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
  backendServerEnv,
  ingestEnv,
  resolveEngineKind,
  toBackendServerConfig,
  toIngestConfig,
  type BackendServerConfig,
  type IngestConfig,
} from "./backend-env.js";
export {
  createBackendApp,
  type BackendApp,
  type BackendAppOptions,
  type ReadinessProbe,
} from "./backend-app.js";
