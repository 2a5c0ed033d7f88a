import type { IncomingHttpHeaders } from "node:http";
import { ConnectError } from "@connectrpc/connect";
import { Metadata } from "@grpc/grpc-js";
import {
  type Attributes,
  context,
  type Context,
  type DiagLogger,
  diag,
  DiagLogLevel,
  INVALID_SPAN_CONTEXT,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type TextMapSetter,
  trace,
} from "@opentelemetry/api";
import { setGlobalErrorHandler } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import type { Logger } from "pino";

const TRACER_NAME = "docproc";
/** Set while initTracing's provider is registered: without it every helper here is a plain call. */
let active = false;
const NOOP_SPAN: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/** Options of initTracing. */
export interface TracingOptions {
  /** service.name of every span ("classify", "extract", "gateway"). */
  serviceName: string;
  /** OTEL_EXPORTER_OTLP_ENDPOINT (e.g. "http://otel-collector:4318"); unset: tracing off. */
  endpoint: string | undefined;
  logger?: Logger;
}

/** The process's tracing; shutdown() flushes the spans still buffered. */
export interface Tracing {
  readonly enabled: boolean;
  shutdown(): Promise<void>;
}

/** True once initTracing registered a provider (and until its shutdown). */
export function tracingEnabled(): boolean {
  return active;
}

/** Query strings are dropped from whatever the OTel SDK logs (an exporter error may quote its URL). */
function clean(message: string): string {
  return message.replace(/\?\S*/g, "?…");
}

function diagLogger(logger: Logger): DiagLogger {
  const log = (level: "warn" | "debug") => (message: string) => logger[level]({ component: "otel" }, clean(message));
  return { error: log("warn"), warn: log("warn"), info: log("debug"), debug: log("debug"), verbose: log("debug") };
}

/**
 * OpenTelemetry traces over OTLP/HTTP (JSON) to `${endpoint}/v1/traces`,
 * batched. Registers the global provider, the AsyncLocalStorage context
 * manager (so withSpan nests across awaits) and the W3C trace-context
 * propagator. Without an endpoint nothing is registered and the helpers
 * below cost one boolean check.
 */
export function initTracing(options: TracingOptions): Tracing {
  if (!options.endpoint) return { enabled: false, shutdown: async () => undefined };
  const { logger } = options;
  const exporter = new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, "")}/v1/traces` });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register();
  if (logger) {
    diag.setLogger(diagLogger(logger), DiagLogLevel.WARN);
    setGlobalErrorHandler((error) => logger.warn({ component: "otel" }, clean(`trace export failed: ${String(error)}`)));
  }
  active = true;
  logger?.info({ serviceName: options.serviceName }, "tracing on (OTLP/HTTP)");
  return {
    enabled: true,
    async shutdown() {
      active = false;
      await provider.shutdown().catch((error: unknown) => logger?.warn({ err: String(error) }, "flushing traces failed"));
      trace.disable();
      context.disable();
      propagation.disable();
      diag.disable();
    },
  };
}

type Carrier = Metadata | IncomingHttpHeaders;

const carrierGetter: TextMapGetter<Carrier> = {
  keys: (carrier) => (carrier instanceof Metadata ? Object.keys(carrier.getMap()) : Object.keys(carrier)),
  get(carrier, key) {
    if (carrier instanceof Metadata) {
      const values = carrier.get(key).filter((value): value is string => typeof value === "string");
      return values.length === 0 ? undefined : values;
    }
    return carrier[key.toLowerCase()];
  },
};

const metadataSetter: TextMapSetter<Metadata> = {
  set: (carrier, key, value) => carrier.set(key, value),
};

/**
 * Writes the active trace context (traceparent, tracestate) into outgoing
 * gRPC metadata and returns it. The gateway's outgoing calls go through
 * callGrpcUnary, which does this itself; call it for any other client.
 */
export function injectTraceContext(metadata: Metadata): Metadata {
  if (active) propagation.inject(context.active(), metadata, metadataSetter);
  return metadata;
}

function statusMessage(error: unknown): string {
  return error instanceof ConnectError ? error.rawMessage : "error";
}

/**
 * Runs `fn` in a child span of the active one (a model request, an OCR
 * page). Failures mark the span ERROR with the ConnectError's message (these
 * are written for clients, so they carry no secrets). Without tracing, `fn`
 * gets a non-recording span.
 */
export async function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  if (!active) return fn(NOOP_SPAN);
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: statusMessage(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A server span around one incoming call. */
export interface ServerSpan {
  /** Runs `fn` with this span active, so spans started inside become its children. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  setAttribute(key: string, value: string | number | boolean): void;
  /** Ends the span with the call's gRPC status code. */
  end(code: number, message?: string): void;
}

const NOOP_SERVER_SPAN: ServerSpan = { run: (fn) => fn(), setAttribute: () => undefined, end: () => undefined };

/** gRPC codes that mark a server span ERROR (OTel gRPC semantic conventions). */
const SERVER_ERROR_CODES = new Set([2, 4, 12, 13, 14, 15]);

/**
 * Starts a SERVER span named `name`, continuing the trace of the incoming
 * `traceparent` (W3C) in gRPC metadata or HTTP headers, so gateway → backend
 * spans form one trace.
 */
export function startServerSpan(name: string, carrier: Carrier, attributes: Attributes): ServerSpan {
  if (!active) return NOOP_SERVER_SPAN;
  const parent: Context = propagation.extract(ROOT_CONTEXT, carrier, carrierGetter);
  const span = trace.getTracer(TRACER_NAME).startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  const spanContext = trace.setSpan(parent, span);
  return {
    run: (fn) => context.with(spanContext, fn),
    setAttribute: (key, value) => void span.setAttribute(key, value),
    end(code, message) {
      span.setAttribute("rpc.grpc.status_code", code);
      if (SERVER_ERROR_CODES.has(code)) span.setStatus({ code: SpanStatusCode.ERROR, ...(message ? { message } : {}) });
      span.end();
    },
  };
}
