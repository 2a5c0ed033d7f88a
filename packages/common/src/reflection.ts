import { create, createRegistry, fromBinary, toBinary, type DescFile, type MessageInitShape, type Registry } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import {
  ServerReflectionRequestSchema,
  ServerReflectionResponseSchema,
  type ServerReflectionRequest,
  type ServerReflectionResponse,
} from "@docproc/gen/grpc/reflection/v1/reflection_pb.js";
import * as v1alpha from "@docproc/gen/grpc/reflection/v1alpha/reflection_pb.js";

/** Options of createReflectionResponder. */
export interface ReflectionResponderOptions {
  /** The files to describe; their dependencies are added transitively. */
  files: DescFile[];
  /** Fully-qualified names answered to list_services, e.g. "docproc.v1.ExtractService". */
  serviceNames: string[];
}

/** Answers grpc.reflection.v1 requests, one at a time, for one stream. */
export interface ReflectionResponder {
  /**
   * Answers one request. `sent` holds the file names already sent on this
   * stream; it is updated so dependencies go out once per stream, as grpc-go
   * does.
   */
  respond(request: ServerReflectionRequest, sent: Set<string>): ServerReflectionResponse;
}

/**
 * gRPC server reflection from protobuf-es descriptors. Hand-written because
 * neither Connect-ES nor grpc-js ships one for protobuf-es v2 (@grpc/reflection
 * wants proto-loader definitions and would not list the health service).
 * Descriptors embedded by protoc-gen-es carry no comments, so none are served.
 */
export function createReflectionResponder(options: ReflectionResponderOptions): ReflectionResponder {
  const filesByName = collectFiles(options.files);
  const registry = createRegistry(...filesByName.values());
  const enumValueFiles = collectEnumValueFiles(filesByName.values());
  const serviceNames = [...new Set(options.serviceNames)].sort();

  function fileResponse(file: DescFile, request: ServerReflectionRequest, sent: Set<string>): ServerReflectionResponse {
    const out: Uint8Array[] = [];
    const visit = (f: DescFile, always: boolean): void => {
      const name = f.proto.name;
      if (!always && sent.has(name)) return;
      sent.add(name);
      out.push(toBinary(FileDescriptorProtoSchema, f.proto));
      for (const dep of f.dependencies) visit(dep, false);
    };
    // The requested file always goes out, even when sent earlier on the stream.
    visit(file, true);
    return reply(request, { case: "fileDescriptorResponse", value: { fileDescriptorProto: out } });
  }

  function fileOfSymbol(symbol: string): DescFile | undefined {
    const direct = registry.get(symbol);
    if (direct) return direct.file;
    const enumValueFile = enumValueFiles.get(symbol);
    if (enumValueFile) return enumValueFile;
    // Methods, fields, oneofs and nested enum values: look up the parent.
    const dot = symbol.lastIndexOf(".");
    if (dot <= 0) return undefined;
    const parent = registry.get(symbol.slice(0, dot));
    const member = symbol.slice(dot + 1);
    if (!parent) return undefined;
    switch (parent.kind) {
      case "service":
        return parent.methods.some((m) => m.name === member) ? parent.file : undefined;
      case "message":
        return parent.fields.some((f) => f.name === member) || parent.oneofs.some((o) => o.name === member)
          ? parent.file
          : undefined;
      default:
        return undefined;
    }
  }

  return {
    respond(request, sent) {
      const message = request.messageRequest;
      switch (message.case) {
        case "listServices":
          return reply(request, {
            case: "listServicesResponse",
            value: { service: serviceNames.map((name) => ({ name })) },
          });
        case "fileByFilename": {
          const file = filesByName.get(message.value);
          return file ? fileResponse(file, request, sent) : notFound(request, `file not found: ${message.value}`);
        }
        case "fileContainingSymbol": {
          const file = fileOfSymbol(message.value);
          return file ? fileResponse(file, request, sent) : notFound(request, `symbol not found: ${message.value}`);
        }
        case "fileContainingExtension": {
          const { containingType, extensionNumber } = message.value;
          const extendee = registry.getMessage(containingType);
          const extension = extendee ? registry.getExtensionFor(extendee, extensionNumber) : undefined;
          return extension
            ? fileResponse(extension.file, request, sent)
            : notFound(request, `extension not found: ${containingType}(${extensionNumber})`);
        }
        case "allExtensionNumbersOfType": {
          if (!registry.getMessage(message.value)) return notFound(request, `type not found: ${message.value}`);
          return reply(request, {
            case: "allExtensionNumbersResponse",
            value: { baseTypeName: message.value, extensionNumber: extensionNumbersOf(registry, message.value) },
          });
        }
        default:
          return reply(request, {
            case: "errorResponse",
            value: { errorCode: Code.InvalidArgument, errorMessage: "empty reflection request" },
          });
      }
    },
  };
}

/** Converts a grpc.reflection.v1alpha request to v1 (the two are wire-identical). */
export function fromV1alpha(request: v1alpha.ServerReflectionRequest): ServerReflectionRequest {
  return fromBinary(ServerReflectionRequestSchema, toBinary(v1alpha.ServerReflectionRequestSchema, request));
}

/** Converts a grpc.reflection.v1 response to v1alpha (the two are wire-identical). */
export function toV1alpha(response: ServerReflectionResponse): v1alpha.ServerReflectionResponse {
  return fromBinary(v1alpha.ServerReflectionResponseSchema, toBinary(ServerReflectionResponseSchema, response));
}

type ResponseCase = NonNullable<MessageInitShape<typeof ServerReflectionResponseSchema>["messageResponse"]>;

function reply(request: ServerReflectionRequest, messageResponse: ResponseCase): ServerReflectionResponse {
  return create(ServerReflectionResponseSchema, {
    validHost: request.host,
    originalRequest: request,
    messageResponse,
  });
}

function notFound(request: ServerReflectionRequest, errorMessage: string): ServerReflectionResponse {
  return reply(request, { case: "errorResponse", value: { errorCode: Code.NotFound, errorMessage } });
}

function collectFiles(files: DescFile[]): Map<string, DescFile> {
  const byName = new Map<string, DescFile>();
  const visit = (file: DescFile): void => {
    if (byName.has(file.proto.name)) return;
    byName.set(file.proto.name, file);
    file.dependencies.forEach(visit);
  };
  files.forEach(visit);
  return byName;
}

/** Enum values live in the scope enclosing their enum ("docproc.v1.DOCUMENT_TYPE_W2"). */
function collectEnumValueFiles(files: Iterable<DescFile>): Map<string, DescFile> {
  const out = new Map<string, DescFile>();
  for (const file of files) {
    for (const desc of createRegistry(file)) {
      if (desc.kind !== "enum") continue;
      const dot = desc.typeName.lastIndexOf(".");
      const scope = dot < 0 ? "" : desc.typeName.slice(0, dot + 1);
      for (const value of desc.values) out.set(scope + value.name, file);
    }
  }
  return out;
}

function extensionNumbersOf(registry: Registry, typeName: string): number[] {
  const numbers: number[] = [];
  for (const desc of registry) {
    if (desc.kind === "extension" && desc.extendee.typeName === typeName) numbers.push(desc.number);
  }
  return numbers.sort((a, b) => a - b);
}
