import { setTimeout as sleep } from "node:timers/promises";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, type ServiceImpl } from "@connectrpc/connect";
import { ClassifyService } from "@docproc/gen/docproc/v1/classify_service_pb.js";
import { DocumentService } from "@docproc/gen/docproc/v1/document_service_pb.js";
import { ExtractService } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import {
  Health,
  HealthCheckResponse_ServingStatus as ServingStatus,
  HealthCheckResponseSchema,
  HealthListResponseSchema,
} from "@docproc/gen/grpc/health/v1/health_pb.js";
import { isReady, type BackendHealthMonitor, type HealthSnapshot } from "./backend-health.js";

/** The names grpc.health.v1 answers for: "" (the whole gateway) and each served API. */
export const HEALTH_SERVICE_NAMES: readonly string[] = ["", ClassifyService.typeName, ExtractService.typeName, DocumentService.typeName];

/** A service's status in a snapshot, or undefined for a name the gateway does not serve. */
export function servingStatusOf(service: string, snapshot: HealthSnapshot): ServingStatus | undefined {
  const serving = (...names: Array<"classify" | "extract">) =>
    !snapshot.shuttingDown && names.every((name) => snapshot[name].status === "SERVING")
      ? ServingStatus.SERVING
      : ServingStatus.NOT_SERVING;
  switch (service) {
    case "":
      return isReady(snapshot) ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    case ClassifyService.typeName:
      return serving("classify");
    case ExtractService.typeName:
      return serving("extract");
    case DocumentService.typeName:
      return serving("classify", "extract");
    default:
      return undefined;
  }
}

/**
 * grpc.health.v1 for the Connect side, answered from the cached backend
 * health. Hand-written: Connect-ES ships no health package, and
 * grpc-health-check only plugs into grpc-js servers.
 */
export function createHealthService(
  monitor: BackendHealthMonitor,
  options: { watchIntervalMs: number },
): ServiceImpl<typeof Health> {
  return {
    async check(request) {
      const status = servingStatusOf(request.service, await monitor.snapshot());
      if (status === undefined) throw new ConnectError(`unknown service: ${request.service}`, Code.NotFound);
      return create(HealthCheckResponseSchema, { status });
    },

    async *watch(request, ctx) {
      let last: ServingStatus | undefined;
      for (;;) {
        const snapshot = await monitor.snapshot();
        const status = servingStatusOf(request.service, snapshot) ?? ServingStatus.SERVICE_UNKNOWN;
        if (status !== last) {
          last = status;
          yield create(HealthCheckResponseSchema, { status });
        }
        // Once shutdown began the status cannot change again: end the stream so
        // it does not hold the HTTP/2 session open; clients re-Watch elsewhere.
        if (snapshot.shuttingDown) return;
        try {
          await sleep(options.watchIntervalMs, undefined, { signal: AbortSignal.any([ctx.signal, monitor.shutdownSignal]) });
        } catch {
          if (ctx.signal.aborted) return;
        }
      }
    },

    async list() {
      const snapshot = await monitor.snapshot();
      const statuses = Object.fromEntries(
        HEALTH_SERVICE_NAMES.map((name) => [
          name,
          create(HealthCheckResponseSchema, { status: servingStatusOf(name, snapshot) ?? ServingStatus.UNKNOWN }),
        ]),
      );
      return create(HealthListResponseSchema, { statuses });
    },
  };
}
