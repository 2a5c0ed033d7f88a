import type { Server, ServerDuplexStream } from "@grpc/grpc-js";
import {
  ServerReflection,
  type ServerReflectionRequest,
  type ServerReflectionResponse,
} from "@docproc/gen/grpc/reflection/v1/reflection_pb.js";
import * as v1alpha from "@docproc/gen/grpc/reflection/v1alpha/reflection_pb.js";
import { grpcServiceDefinition } from "./grpc-service-definition.js";
import { fromV1alpha, toV1alpha, type ReflectionResponder } from "./reflection.js";

/** The services addGrpcReflection registers, for health and list_services. */
export const REFLECTION_SERVICE_NAMES: readonly string[] = [
  ServerReflection.typeName,
  v1alpha.ServerReflection.typeName,
];

/**
 * Serves grpc.reflection.v1 and v1alpha on a grpc-js server. Older clients
 * (grpcurl before 1.9, Postman) still ask v1alpha; both share one responder.
 */
export function addGrpcReflection(server: Server, responder: ReflectionResponder): void {
  server.addService(grpcServiceDefinition(ServerReflection), {
    serverReflectionInfo: (call: ServerDuplexStream<ServerReflectionRequest, ServerReflectionResponse>) => {
      const sent = new Set<string>();
      pipe(call, (request) => responder.respond(request, sent));
    },
  });
  server.addService(grpcServiceDefinition(v1alpha.ServerReflection), {
    serverReflectionInfo: (
      call: ServerDuplexStream<v1alpha.ServerReflectionRequest, v1alpha.ServerReflectionResponse>,
    ) => {
      const sent = new Set<string>();
      pipe(call, (request) => toV1alpha(responder.respond(fromV1alpha(request), sent)));
    },
  });
}

function pipe<I, O>(call: ServerDuplexStream<I, O>, answer: (request: I) => O): void {
  call.on("data", (request: I) => {
    call.write(answer(request));
  });
  call.on("end", () => call.end());
  // A client that goes away mid-stream is not an error worth surfacing.
  call.on("error", () => call.end());
}
