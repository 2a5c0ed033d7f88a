import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { RestError, restStatusForCode, toRestErrorResponse } from "./rest-errors.js";

const log = { errors: [] as object[], error(obj: object) { this.errors.push(obj); } };

describe("restStatusForCode", () => {
  it("follows the documented table", () => {
    const table: Array<[Code, number]> = [
      [Code.InvalidArgument, 400], [Code.FailedPrecondition, 400], [Code.OutOfRange, 400],
      [Code.Unauthenticated, 401], [Code.PermissionDenied, 403], [Code.NotFound, 404],
      [Code.AlreadyExists, 409], [Code.Aborted, 409], [Code.ResourceExhausted, 429],
      [Code.Canceled, 499], [Code.Unimplemented, 501], [Code.Unavailable, 503],
      [Code.DeadlineExceeded, 504], [Code.Internal, 502], [Code.Unknown, 502], [Code.DataLoss, 502],
    ];
    for (const [code, status] of table) expect([Code[code], restStatusForCode(code)]).toEqual([Code[code], status]);
  });
});

describe("toRestErrorResponse", () => {
  it("keeps backend messages and passes Retry-After on 429", () => {
    const error = new ConnectError("slow down", Code.ResourceExhausted, new Headers({ "retry-after": "3" }));
    expect(toRestErrorResponse(error, log)).toEqual({ statusCode: 429, detail: "slow down", headers: { "retry-after": "3" } });
    expect(toRestErrorResponse(new ConnectError("internal error", Code.Internal), log).detail).toBe("upstream error: internal error");
  });

  it("answers RestErrors and Fastify client errors as they are", () => {
    expect(toRestErrorResponse(new RestError(400, "bbox: bad"), log)).toEqual({ statusCode: 400, detail: "bbox: bad", headers: {} });
    const tooLarge = Object.assign(new Error("Request body is too large"), { statusCode: 413, code: "FST_ERR_CTP_BODY_TOO_LARGE" });
    expect(toRestErrorResponse(tooLarge, log)).toMatchObject({ statusCode: 413, detail: "request body too large" });
  });

  it("hides unexpected errors behind 500 internal error and logs them", () => {
    const response = toRestErrorResponse(new TypeError("cannot read x of undefined at /srv/secret/path.ts"), log);
    expect(response).toEqual({ statusCode: 500, detail: "internal error", headers: {} });
    expect(log.errors).toHaveLength(1);
  });
});
