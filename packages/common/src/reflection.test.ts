import { create, createFileRegistry, fromBinary } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema, FileDescriptorSetSchema, type FileDescriptorProto } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import { type Client, Server, ServerCredentials } from "@grpc/grpc-js";
import { ClassifyService, file_docproc_v1_classify_service } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { ExtractService, file_docproc_v1_extract_service } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import * as v1 from "@docproc/gen/grpc/reflection/v1/reflection_pb.js";
import * as v1alpha from "@docproc/gen/grpc/reflection/v1alpha/reflection_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestClient, reflect, reflectV1 as reflectV1With } from "../test-support/grpc-test-client.js";
import { addGrpcReflection } from "./add-grpc-reflection.js";
import { createReflectionResponder, fromV1alpha, toV1alpha } from "./reflection.js";

const responder = createReflectionResponder({
  files: [file_docproc_v1_classify_service, file_docproc_v1_extract_service],
  serviceNames: [ExtractService.typeName, ClassifyService.typeName],
});

let server: Server;
let client: Client;

beforeAll(async () => {
  server = new Server();
  addGrpcReflection(server, responder);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  client = createTestClient(port);
});

afterAll(() => {
  client.close();
  server.forceShutdown();
});

const reflectV1 = (requests: Parameters<typeof reflectV1With>[1]) => reflectV1With(client, requests);

function fileNames(response: v1.ServerReflectionResponse): string[] {
  if (response.messageResponse.case !== "fileDescriptorResponse") throw new Error(`got ${response.messageResponse.case}`);
  return response.messageResponse.value.fileDescriptorProto.map((b) => fromBinary(FileDescriptorProtoSchema, b).name);
}

describe("reflection over grpc-js", () => {
  it("lists the services, sorted", async () => {
    const [answer] = await reflectV1([{ messageRequest: { case: "listServices", value: "*" } }]);
    expect(answer?.messageResponse.case).toBe("listServicesResponse");
    const names = answer?.messageResponse.case === "listServicesResponse" ? answer.messageResponse.value.service.map((s) => s.name) : [];
    expect(names).toEqual(["docproc.v1.ClassifyService", "docproc.v1.ExtractService"]);
  });

  it("answers file_containing_symbol with the file and its dependencies, each once per stream", async () => {
    const [first, second] = await reflectV1([
      { messageRequest: { case: "fileContainingSymbol", value: "docproc.v1.ExtractService" } },
      { messageRequest: { case: "fileContainingSymbol", value: "docproc.v1.ClassifyService.ClassifyDocument" } },
    ]);
    const firstNames = fileNames(first!);
    expect(firstNames[0]).toBe("docproc/v1/extract_service.proto");
    expect(firstNames).toContain("docproc/v1/document.proto");
    expect(firstNames).toContain("docproc/v1/tax_forms.proto");
    // document.proto went out already; only the requested file comes again.
    expect(fileNames(second!)).toEqual(["docproc/v1/classify_service.proto"]);
  });

  it("sends descriptors a client can build a registry from", async () => {
    const [answer] = await reflectV1([{ messageRequest: { case: "fileByFilename", value: "docproc/v1/extract_service.proto" } }]);
    if (answer?.messageResponse.case !== "fileDescriptorResponse") throw new Error("no descriptors");
    const protos = answer.messageResponse.value.fileDescriptorProto.map((b) => fromBinary(FileDescriptorProtoSchema, b));
    // A FileDescriptorSet wants dependencies first: order the files so.
    const byName = new Map(protos.map((p) => [p.name, p]));
    const ordered: FileDescriptorProto[] = [];
    const visit = (name: string): void => {
      const file = byName.get(name);
      if (!file || ordered.includes(file)) return;
      file.dependency.forEach(visit);
      ordered.push(file);
    };
    protos.forEach((p) => visit(p.name));
    expect(ordered).toHaveLength(protos.length);
    const registry = createFileRegistry(create(FileDescriptorSetSchema, { file: ordered }));
    expect(registry.getService("docproc.v1.ExtractService")?.methods.map((m) => m.name)).toEqual(["ExtractDocument"]);
  });

  it("finds fields and package-scoped enum values", async () => {
    const [field, enumValue] = await reflectV1([
      { messageRequest: { case: "fileContainingSymbol", value: "docproc.v1.Document.sources" } },
      { messageRequest: { case: "fileContainingSymbol", value: "docproc.v1.DOCUMENT_TYPE_W2" } },
    ]);
    expect(fileNames(field!)[0]).toBe("docproc/v1/document.proto");
    expect(fileNames(enumValue!)[0]).toBe("docproc/v1/document.proto");
  });

  it("answers NOT_FOUND for unknown symbols, files and extensions", async () => {
    const answers = await reflectV1([
      { messageRequest: { case: "fileContainingSymbol", value: "docproc.v1.Nope" } },
      { messageRequest: { case: "fileContainingSymbol", value: "docproc.v1.Document.nope" } },
      { messageRequest: { case: "fileByFilename", value: "nope.proto" } },
      { messageRequest: { case: "fileContainingExtension", value: { containingType: "docproc.v1.Document", extensionNumber: 100 } } },
      { messageRequest: { case: "allExtensionNumbersOfType", value: "docproc.v1.Nope" } },
    ]);
    expect(answers).toHaveLength(5);
    for (const answer of answers) {
      expect(answer.messageResponse.case).toBe("errorResponse");
      if (answer.messageResponse.case === "errorResponse") expect(answer.messageResponse.value.errorCode).toBe(Code.NotFound);
    }
  });

  it("lists no extension numbers for a message without extensions", async () => {
    const [answer] = await reflectV1([{ messageRequest: { case: "allExtensionNumbersOfType", value: "docproc.v1.Document" } }]);
    expect(answer?.messageResponse).toMatchObject({
      case: "allExtensionNumbersResponse",
      value: { baseTypeName: "docproc.v1.Document", extensionNumber: [] },
    });
  });

  it("serves v1alpha with the same answers", async () => {
    const [answer] = await reflect(
      client,
      v1alpha.ServerReflection,
      { input: v1alpha.ServerReflectionRequestSchema, output: v1alpha.ServerReflectionResponseSchema },
      [{ host: "h", messageRequest: { case: "fileContainingSymbol", value: "docproc.v1.ClassifyService" } }],
    );
    expect(answer?.$typeName).toBe("grpc.reflection.v1alpha.ServerReflectionResponse");
    expect(answer?.validHost).toBe("h");
    expect(answer?.originalRequest?.messageRequest).toEqual({ case: "fileContainingSymbol", value: "docproc.v1.ClassifyService" });
    expect(answer?.messageResponse.case).toBe("fileDescriptorResponse");
  });
});

describe("v1alpha transcoding", () => {
  it("round-trips a request and a response", () => {
    const alphaRequest = create(v1alpha.ServerReflectionRequestSchema, {
      host: "x",
      messageRequest: { case: "fileContainingExtension", value: { containingType: "a.B", extensionNumber: 7 } },
    });
    const request = fromV1alpha(alphaRequest);
    expect(request.$typeName).toBe("grpc.reflection.v1.ServerReflectionRequest");
    expect(request.messageRequest).toMatchObject({ case: "fileContainingExtension", value: { containingType: "a.B", extensionNumber: 7 } });
    const response = responder.respond(request, new Set());
    const alpha = toV1alpha(response);
    expect(alpha.$typeName).toBe("grpc.reflection.v1alpha.ServerReflectionResponse");
    expect(alpha.messageResponse).toMatchObject({ case: "errorResponse", value: { errorCode: Code.NotFound } });
    expect(alpha.originalRequest?.host).toBe("x");
  });
});
