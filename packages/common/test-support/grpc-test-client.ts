// Helpers for tests that call a grpc-js server (the common harness, the
// classify and extract servers, the gateway). For tests only: not exported
// from @docproc/common's index; import it by relative path.
import { create, fromBinary, toBinary, type DescMessage, type MessageInitShape, type MessageShape } from "@bufbuild/protobuf";
import { ConnectError } from "@connectrpc/connect";
import type { DocumentSchema } from "@docproc/gen/docproc/v1/document_pb.js";
import { Health, HealthCheckResponse_ServingStatus as ServingStatus } from "@docproc/gen/grpc/health/v1/health_pb.js";
import * as v1 from "@docproc/gen/grpc/reflection/v1/reflection_pb.js";
import type * as v1alpha from "@docproc/gen/grpc/reflection/v1alpha/reflection_pb.js";
import { Client, credentials, Metadata } from "@grpc/grpc-js";
import { callGrpcUnary } from "../src/call-grpc-unary.js";

/** A plain-text grpc-js client of 127.0.0.1:`port`; maxMessageBytes lifts both message limits. */
export function createTestClient(port: number, options: { maxMessageBytes?: number } = {}): Client {
  const limits =
    options.maxMessageBytes === undefined
      ? {}
      : { "grpc.max_send_message_length": options.maxMessageBytes, "grpc.max_receive_message_length": options.maxMessageBytes };
  return new Client(`127.0.0.1:${port}`, credentials.createInsecure(), limits);
}

/** The ConnectError a call failed with; rethrows any other error and throws when the call succeeded. */
export async function failure(promise: Promise<unknown>): Promise<ConnectError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

/** Resolves with the signal's reason once it aborts (at once when it already has). */
export function whenAborted(signal: AbortSignal): Promise<unknown> {
  if (signal.aborted) return Promise.resolve(signal.reason);
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(signal.reason), { once: true }));
}

/** A request's one-source document of inline bytes, with an optional media type hint and page range. */
export function inline(
  bytes: Uint8Array,
  options: { mediaType?: string; pageRange?: { firstPage: number; lastPage: number } } = {},
): { document: MessageInitShape<typeof DocumentSchema> } {
  return {
    document: {
      sources: [{ source: { case: "content", value: bytes }, ...(options.mediaType ? { mediaType: options.mediaType } : {}) }],
      ...(options.pageRange ? { pageRange: options.pageRange } : {}),
    },
  };
}

/** grpc.health.v1 Check of `service` ("" is the whole server). */
export async function healthStatus(client: Client, service = ""): Promise<ServingStatus> {
  return (await callGrpcUnary(client, Health.method.check, { service })).response.status;
}

/** Polls health until it reports `status`. */
export async function waitForHealth(client: Client, status: ServingStatus, service = ""): Promise<void> {
  while ((await healthStatus(client, service)) !== status) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Sends requests on one ServerReflectionInfo stream (v1 or v1alpha) and collects the answers until the server ends it. */
export function reflect<I extends DescMessage, O extends DescMessage>(
  client: Client,
  service: typeof v1.ServerReflection | typeof v1alpha.ServerReflection,
  schemas: { input: I; output: O },
  requests: MessageInitShape<I>[],
): Promise<MessageShape<O>[]> {
  return new Promise((resolve, reject) => {
    const stream = client.makeBidiStreamRequest(
      `/${service.typeName}/ServerReflectionInfo`,
      (message: MessageShape<I>) => Buffer.from(toBinary(schemas.input, message)),
      (bytes: Buffer) => fromBinary(schemas.output, bytes),
      new Metadata(),
    );
    const answers: MessageShape<O>[] = [];
    stream.on("data", (message: MessageShape<O>) => answers.push(message));
    stream.on("error", reject);
    stream.on("end", () => resolve(answers));
    for (const request of requests) stream.write(create(schemas.input, request));
    stream.end();
  });
}

/** reflect() over grpc.reflection.v1. */
export function reflectV1(client: Client, requests: MessageInitShape<typeof v1.ServerReflectionRequestSchema>[]): Promise<v1.ServerReflectionResponse[]> {
  return reflect(client, v1.ServerReflection, { input: v1.ServerReflectionRequestSchema, output: v1.ServerReflectionResponseSchema }, requests);
}

/** The service names the server lists over v1 reflection, in its order. */
export async function reflectedServiceNames(client: Client): Promise<string[]> {
  const [answer] = await reflectV1(client, [{ messageRequest: { case: "listServices", value: "" } }]);
  return answer?.messageResponse.case === "listServicesResponse" ? answer.messageResponse.value.service.map((service) => service.name) : [];
}

/** The serialized FileDescriptorProtos v1 reflection answers for `symbol`. */
export async function reflectedFilesContaining(client: Client, symbol: string): Promise<Uint8Array[]> {
  const [answer] = await reflectV1(client, [{ messageRequest: { case: "fileContainingSymbol", value: symbol } }]);
  return answer?.messageResponse.case === "fileDescriptorResponse" ? answer.messageResponse.value.fileDescriptorProto : [];
}
