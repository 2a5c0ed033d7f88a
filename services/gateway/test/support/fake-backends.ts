import { create, type DescMessage, type DescService, type MessageInitShape, type MessageShape } from "@bufbuild/protobuf";
import { grpcServiceDefinition } from "@docproc/common";
import {
  ClassifyDocumentResponseSchema,
  ClassifyService,
  ConfidenceSource,
  type ClassifyDocumentRequest,
} from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import {
  ExtractDocumentResponseSchema,
  ExtractService,
  PageStatus,
  type ExtractDocumentRequest,
} from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { Severity } from "@docproc/gen/docproc/v1/values_pb.js";
import * as grpc from "@grpc/grpc-js";
import { HealthImplementation } from "grpc-health-check";

/** What a fake backend does with the next calls. */
export type FakeBehaviour<O extends DescMessage> =
  | { kind: "reply"; response: (request: any) => MessageInitShape<O>; delayMs?: number }
  | { kind: "error"; code: grpc.status; details: string; trailers?: Record<string, string>; delayMs?: number }
  /** Never answers; resolves `cancelled` when the client cancels or the deadline passes. */
  | { kind: "hang" };

/** One call the fake received. */
export interface ReceivedCall<I> {
  request: I;
  requestId: string | undefined;
  /** Milliseconds from arrival to the call's deadline; undefined without one. */
  deadlineMs: number | undefined;
  /** Resolves when grpc-js reports the call cancelled (client cancel or deadline). */
  cancelled: Promise<void>;
  /** Date.now() on arrival. */
  receivedAt: number;
  /** The call's metadata as received (traceparent, x-request-id, …). */
  metadata: grpc.Metadata;
  /** Date.now() when the fake answered (reply or error); undefined while it has not. */
  answeredAt?: number;
}

/** A real grpc-js server on port 0 with canned behaviour and grpc.health.v1. */
export interface FakeBackend<I, O extends DescMessage> {
  readonly port: number;
  /** A grpc-js target for the gateway: dns:///127.0.0.1:<port>. */
  readonly target: string;
  readonly calls: Array<ReceivedCall<I>>;
  behave(behaviour: FakeBehaviour<O>): void;
  /** Behaviours for the next calls, one each, before the one set by behave() applies again. */
  queue(...behaviours: Array<FakeBehaviour<O>>): void;
  /** Resolves once the fake has received `count` calls in all. */
  waitForCalls(count: number): Promise<void>;
  setServing(serving: boolean): void;
  stop(): Promise<void>;
}

async function startFakeBackend<I, O extends DescMessage>(
  service: DescService,
  output: O,
  defaultBehaviour: FakeBehaviour<O>,
): Promise<FakeBackend<I, O>> {
  const server = new grpc.Server();
  const calls: Array<ReceivedCall<I>> = [];
  let behaviour = defaultBehaviour;
  const queued: Array<FakeBehaviour<O>> = [];
  let onCall: () => void = () => {};
  const health = new HealthImplementation({ "": "SERVING", [service.typeName]: "SERVING" });
  health.addToServer(server);

  const method = service.methods[0];
  if (method === undefined) throw new Error(`${service.typeName} has no methods`);
  server.addService(grpcServiceDefinition(service), {
    [method.localName]: (call: grpc.ServerUnaryCall<I, MessageShape<O>>, callback: grpc.sendUnaryData<MessageShape<O>>) => {
      const deadline = call.getDeadline();
      const deadlineAt = deadline instanceof Date ? deadline.getTime() : deadline;
      let onCancel: () => void = () => {};
      const cancelled = new Promise<void>((resolve) => (onCancel = resolve));
      call.on("cancelled", () => onCancel());
      const requestId = call.metadata.get("x-request-id")[0];
      const received: ReceivedCall<I> = {
        request: call.request,
        requestId: typeof requestId === "string" ? requestId : undefined,
        deadlineMs: Number.isFinite(deadlineAt) ? deadlineAt - Date.now() : undefined,
        cancelled,
        receivedAt: Date.now(),
        metadata: call.metadata,
      };
      calls.push(received);
      onCall();
      const current = queued.shift() ?? behaviour;
      const answer = (send: () => void, delayMs: number | undefined) => {
        const run = () => {
          received.answeredAt = Date.now();
          send();
        };
        if (delayMs) setTimeout(run, delayMs);
        else run();
      };
      if (current.kind === "reply") {
        answer(() => callback(null, create(output, current.response(call.request))), current.delayMs);
      } else if (current.kind === "error") {
        const metadata = new grpc.Metadata();
        for (const [key, value] of Object.entries(current.trailers ?? {})) metadata.set(key, value);
        answer(() => callback({ code: current.code, details: current.details, metadata }), current.delayMs);
      }
      // "hang": never answer; grpc-js ends the call on cancel or deadline.
    },
  });

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    port,
    target: `dns:///127.0.0.1:${port}`,
    calls,
    behave(next) {
      behaviour = next;
    },
    queue(...next) {
      queued.push(...next);
    },
    waitForCalls(count) {
      return new Promise<void>((resolve) => {
        const check = () => {
          if (calls.length < count) return;
          onCall = () => {};
          resolve();
        };
        onCall = check;
        check();
      });
    },
    setServing(serving) {
      const status = serving ? "SERVING" : "NOT_SERVING";
      health.setStatus("", status);
      health.setStatus(service.typeName, status);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.forceShutdown();
        resolve();
      }),
  };
}

/** A canned W-2 classification. */
export function cannedClassification(): MessageInitShape<typeof ClassifyDocumentResponseSchema> {
  return {
    documentType: DocumentType.W2,
    confidence: 0.93,
    reasoning: "W-2 box labels",
    scores: [
      { documentType: DocumentType.W2, score: 0.93 },
      { documentType: DocumentType.FORM_1099_INT, score: 0.05 },
      { documentType: DocumentType.OTHER, score: 0.02 },
    ],
    pages: [{ pageIndex: 0, documentType: DocumentType.W2, confidence: 0.93 }],
    confidenceSource: ConfidenceSource.MODEL_PROBABILITIES,
    modelId: "fake-classifier",
    engine: "cpu",
    pageCount: 1,
    latencyMs: 12n,
  };
}

/** A canned extraction as the requested type (W-2 fields when the type is W2). */
export function cannedExtraction(request: ExtractDocumentRequest): MessageInitShape<typeof ExtractDocumentResponseSchema> {
  return {
    documentType: request.documentType,
    ...(request.documentType === DocumentType.W2
      ? {
          fields: {
            document: {
              case: "w2" as const,
              value: {
                employerName: { value: "Acme Corp", meta: { confidence: 0.9 } },
                box1WagesTipsOtherComp: { value: { currencyCode: "USD", units: 50000n, nanos: 0 } },
              },
            },
          },
        }
      : {}),
    validationIssues: [{ code: "w2.box4_ss_tax_rate", severity: Severity.WARNING, fieldPaths: ["box4_social_security_tax_withheld"], message: "box 4 is not 6.2% of box 3" }],
    needsReview: true,
    confidence: 0.88,
    pages: [
      { pageIndex: 0, status: PageStatus.OK, markdown: "# W-2" },
      { pageIndex: 1, status: PageStatus.FAILED, error: "page could not be decoded" },
    ],
    failedPages: [1],
    markdown: "# W-2",
    pageCount: 2,
    modelId: "fake-extractor",
    engine: "cpu",
    latencyMs: 20n,
  };
}

export type FakeClassify = FakeBackend<ClassifyDocumentRequest, typeof ClassifyDocumentResponseSchema>;
export type FakeExtract = FakeBackend<ExtractDocumentRequest, typeof ExtractDocumentResponseSchema>;

/** A fake ClassifyService that answers cannedClassification() until told otherwise. */
export function startFakeClassify(): Promise<FakeClassify> {
  return startFakeBackend(ClassifyService, ClassifyDocumentResponseSchema, { kind: "reply", response: cannedClassification });
}

/** A fake ExtractService that answers cannedExtraction(request) until told otherwise. */
export function startFakeExtract(): Promise<FakeExtract> {
  return startFakeBackend(ExtractService, ExtractDocumentResponseSchema, { kind: "reply", response: cannedExtraction });
}
