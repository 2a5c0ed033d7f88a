// A container healthcheck that needs no curl or grpc_health_probe binary:
// calls grpc.health.v1.Health/Check on host:port and exits 0 only on SERVING.
import { create } from "@bufbuild/protobuf";
import * as grpc from "@grpc/grpc-js";
import { grpcServiceDefinition } from "@docproc/common";
import {
  Health,
  HealthCheckRequestSchema,
  HealthCheckResponse_ServingStatus,
  type HealthCheckResponse,
} from "@docproc/gen/grpc/health/v1/health_pb.js";

const target = process.argv[2] ?? "127.0.0.1:50051";
const HealthClient = grpc.makeGenericClientConstructor(grpcServiceDefinition(Health), "Health");
const client = new HealthClient(target, grpc.credentials.createInsecure()) as unknown as grpc.Client & {
  check(
    request: unknown,
    options: grpc.CallOptions,
    callback: (err: grpc.ServiceError | null, res?: HealthCheckResponse) => void,
  ): void;
};
client.check(create(HealthCheckRequestSchema, { service: "" }), { deadline: Date.now() + 3000 }, (err, res) => {
  client.close();
  process.exit(!err && res?.status === HealthCheckResponse_ServingStatus.SERVING ? 0 : 1);
});
