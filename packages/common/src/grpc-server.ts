import type { DescFile, DescService } from "@bufbuild/protobuf";
import { Server, ServerCredentials, type ChannelOptions, type UntypedServiceImplementation } from "@grpc/grpc-js";
import { file_grpc_health_v1_health, Health } from "@docproc/gen/grpc/health/v1/health_pb.js";
import { file_grpc_reflection_v1_reflection } from "@docproc/gen/grpc/reflection/v1/reflection_pb.js";
import { file_grpc_reflection_v1alpha_reflection } from "@docproc/gen/grpc/reflection/v1alpha/reflection_pb.js";
import { HealthImplementation } from "grpc-health-check";
import type { Logger } from "pino";
import { addGrpcReflection, REFLECTION_SERVICE_NAMES } from "./add-grpc-reflection.js";
import { grpcServiceDefinition } from "./grpc-service-definition.js";
import { createInflightLimit } from "./inflight-limit.js";
import type { RpcMetrics } from "./metrics.js";
import { createReflectionResponder } from "./reflection.js";
import { createUnaryCallHandler, type UnaryHandler } from "./unary-call-handler.js";

/** One service and its unary handlers, keyed by method localName ("extractDocument"). */
export interface GrpcServiceRegistration {
  service: DescService;
  handlers: Record<string, UnaryHandler>;
}

/** Options of createGrpcServer. */
export interface GrpcServerOptions {
  logger: Logger;
  services: GrpcServiceRegistration[];
  /** Extra files to describe over reflection; the services' own files are always included. */
  reflectionFiles?: DescFile[];
  /** Largest request accepted (grpc.max_receive_message_length). */
  maxReceiveMessageBytes: number;
  /** Largest response sent; defaults to maxReceiveMessageBytes. */
  maxSendMessageBytes?: number;
  /** Initial health of every service; default true (SERVING). */
  serving?: boolean;
  /** Further grpc-js channel options (keepalive, connection age...). */
  channelOptions?: ChannelOptions;
  /**
   * Unary calls handled at once, across all services; one more is answered
   * RESOURCE_EXHAUSTED ("server busy: N requests in flight") at once.
   * Health and reflection are not counted. Default: no limit.
   */
  maxInflightRequests?: number;
  /** Counts and times every unary call, and tracks the calls in flight. */
  metrics?: RpcMetrics;
}

/** A grpc-js server with health, reflection and graceful shutdown. */
export interface GrpcServer {
  /** The underlying grpc-js server. */
  readonly server: Server;
  /** Binds host:port (port 0 picks one) and resolves with the bound port. */
  listen(host: string, port: number): Promise<number>;
  /** Sets grpc.health.v1 for "" and every service. Ignored once shutdown began. */
  setServing(serving: boolean): void;
  /** The current health. */
  readonly serving: boolean;
  /** Unary calls being handled now. */
  readonly inFlight: number;
  /**
   * Health NOT_SERVING, stop accepting calls, let in-flight calls finish, and
   * after graceMs cut whatever is left (their signals abort as Canceled).
   */
  shutdown(graceMs: number): Promise<void>;
}

/** How long responses get to flush before open streams are cut at shutdown. */
const STREAM_SETTLE_MS = 1000;

/** Builds a grpc-js server for promise-returning unary handlers. */
export function createGrpcServer(options: GrpcServerOptions): GrpcServer {
  const { logger } = options;
  const server = new Server({
    "grpc.max_receive_message_length": options.maxReceiveMessageBytes,
    "grpc.max_send_message_length": options.maxSendMessageBytes ?? options.maxReceiveMessageBytes,
    ...options.channelOptions,
  });

  let inFlight = 0;
  let onIdle: (() => void) | undefined;
  const tracker = {
    begin: () => void inFlight++,
    end: () => {
      inFlight--;
      if (inFlight === 0) onIdle?.();
    },
  };

  const { metrics } = options;
  const admission = createInflightLimit({
    max: options.maxInflightRequests ?? Number.POSITIVE_INFINITY,
    onChange: (count) => metrics?.setRpcInflight(count),
  });

  for (const { service, handlers } of options.services) {
    const implementation: UntypedServiceImplementation = {};
    for (const method of service.methods) {
      if (method.methodKind !== "unary") {
        throw new Error(`${service.typeName}/${method.name}: only unary methods are supported`);
      }
      const handler = handlers[method.localName];
      // A method without a handler is left to grpc-js, which answers UNIMPLEMENTED.
      if (handler) implementation[method.localName] = createUnaryCallHandler(method, handler, { logger, tracker, admission, metrics });
    }
    server.addService(grpcServiceDefinition(service), implementation);
  }

  const serviceNames = options.services.map(({ service }) => service.typeName);
  let serving = options.serving ?? true;
  const healthNames = ["", ...serviceNames];
  const health = new HealthImplementation(
    Object.fromEntries(healthNames.map((name) => [name, serving ? "SERVING" : "NOT_SERVING"])),
  );
  health.addToServer(server);

  addGrpcReflection(
    server,
    createReflectionResponder({
      files: [
        ...options.services.map(({ service }) => service.file),
        ...(options.reflectionFiles ?? []),
        file_grpc_health_v1_health,
        file_grpc_reflection_v1_reflection,
        file_grpc_reflection_v1alpha_reflection,
      ],
      serviceNames: [...serviceNames, Health.typeName, ...REFLECTION_SERVICE_NAMES],
    }),
  );

  let shutdownPromise: Promise<void> | undefined;

  const applyHealth = (value: boolean): void => {
    serving = value;
    for (const name of healthNames) health.setStatus(name, value ? "SERVING" : "NOT_SERVING");
  };

  return {
    server,
    get serving() {
      return serving;
    },
    get inFlight() {
      return inFlight;
    },
    listen(host, port) {
      // IPv6 literals need brackets in a grpc-js address.
      const address = host.includes(":") && !host.startsWith("[") ? `[${host}]:${port}` : `${host}:${port}`;
      return new Promise((resolve, reject) => {
        server.bindAsync(address, ServerCredentials.createInsecure(), (error, boundPort) => {
          if (error) reject(error);
          else resolve(boundPort);
        });
      });
    },
    setServing(value) {
      if (shutdownPromise || value === serving) return;
      applyHealth(value);
      logger.info({ serving: value }, value ? "health SERVING" : "health NOT_SERVING");
    },
    shutdown(graceMs) {
      shutdownPromise ??= new Promise<void>((resolve) => {
        applyHealth(false);
        logger.info({ graceMs, inFlight }, "shutting down: draining in-flight calls");
        let done = false;
        let settleTimer: NodeJS.Timeout | undefined;
        const finish = (): void => {
          done = true;
          clearTimeout(graceTimer);
          clearTimeout(settleTimer);
          resolve();
        };
        const graceTimer = setTimeout(() => {
          if (done) return;
          logger.warn({ graceMs, inFlight }, "grace period over: cancelling the calls left");
          server.forceShutdown();
          finish();
        }, graceMs);
        // Open health Watch and reflection streams would hold the drain until
        // the grace period ends. Once no unary call is left, give responses a
        // moment to flush, then cut those streams.
        onIdle = () => {
          settleTimer ??= setTimeout(() => {
            if (done) return;
            server.forceShutdown();
            finish();
          }, Math.min(STREAM_SETTLE_MS, graceMs));
        };
        server.tryShutdown(finish);
        if (inFlight === 0) onIdle();
      });
      return shutdownPromise;
    },
  };
}
