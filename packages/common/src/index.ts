export { DOCUMENT_TYPES, DOCUMENT_TYPE_LABELS, documentTypeLabel, parseDocumentTypeLabel } from "./document-types.js";
export { grpcServiceDefinition } from "./grpc-service-definition.js";
export { createLogger, type Logger, type LoggerConfig } from "./logger.js";
