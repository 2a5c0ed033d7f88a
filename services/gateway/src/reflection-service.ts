import type { ConnectRouter } from "@connectrpc/connect";
import { createReflectionResponder, fromV1alpha, toV1alpha } from "@docproc/common";
import { file_docproc_v1_classify_service } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { file_docproc_v1_document_service } from "@docproc/gen/docproc/v1/document_service_pb.js";
import { file_docproc_v1_extract_service } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { file_grpc_health_v1_health, Health } from "@docproc/gen/grpc/health/v1/health_pb.js";
import { file_grpc_reflection_v1_reflection, ServerReflection } from "@docproc/gen/grpc/reflection/v1/reflection_pb.js";
import * as v1alpha from "@docproc/gen/grpc/reflection/v1alpha/reflection_pb.js";
import { ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentService } from "@docproc/gen/docproc/v1/document_service_pb.js";
import { ExtractService } from "@docproc/gen/docproc/v1/extract_service_pb.js";

/**
 * Serves grpc.reflection v1 and v1alpha (older grpcurl and Postman still ask
 * v1alpha) over Connect, so grpcurl, buf curl and Postman work without a
 * schema. Bidi streaming, so HTTP/2 (h2c) only.
 */
export function registerReflection(router: ConnectRouter): void {
  const responder = createReflectionResponder({
    files: [
      file_docproc_v1_classify_service,
      file_docproc_v1_extract_service,
      file_docproc_v1_document_service,
      file_grpc_health_v1_health,
      file_grpc_reflection_v1_reflection,
      v1alpha.file_grpc_reflection_v1alpha_reflection,
    ],
    serviceNames: [
      ClassifyService.typeName,
      ExtractService.typeName,
      DocumentService.typeName,
      Health.typeName,
      ServerReflection.typeName,
      v1alpha.ServerReflection.typeName,
    ],
  });
  router.service(ServerReflection, {
    async *serverReflectionInfo(requests) {
      const sent = new Set<string>();
      for await (const request of requests) yield responder.respond(request, sent);
    },
  });
  router.service(v1alpha.ServerReflection, {
    async *serverReflectionInfo(requests) {
      const sent = new Set<string>();
      for await (const request of requests) yield toV1alpha(responder.respond(fromV1alpha(request), sent));
    },
  });
}
