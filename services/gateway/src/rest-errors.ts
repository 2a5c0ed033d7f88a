import { Code, ConnectError } from "@connectrpc/connect";

/** A REST failure with its status and the public `detail` text. */
export class RestError extends Error {
  override name = "RestError";
  constructor(
    readonly statusCode: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/**
 * REST status for a Connect / gRPC code. The REST API answers backend errors
 * with a status a plain HTTP client can act on:
 *
 * | Code                                    | HTTP |
 * |-----------------------------------------|------|
 * | INVALID_ARGUMENT, FAILED_PRECONDITION,  | 400  |
 * | OUT_OF_RANGE                            |      |
 * | UNAUTHENTICATED                         | 401  |
 * | PERMISSION_DENIED                       | 403  |
 * | NOT_FOUND                               | 404  |
 * | ALREADY_EXISTS, ABORTED                 | 409  |
 * | RESOURCE_EXHAUSTED                      | 429 (Retry-After passed on when the backend sent one) |
 * | CANCELED                                | 499  |
 * | UNIMPLEMENTED                           | 501  |
 * | UNAVAILABLE                             | 503  |
 * | DEADLINE_EXCEEDED                       | 504  |
 * | INTERNAL, UNKNOWN, DATA_LOSS            | 502 (the backend failed; detail "upstream error: …") |
 *
 * FAILED_PRECONDITION is 400, not 422: the input cannot be processed as sent
 * (e.g. an image fetch refused), and the REST contract has no 422.
 */
export function restStatusForCode(code: Code): number {
  switch (code) {
    case Code.InvalidArgument:
    case Code.FailedPrecondition:
    case Code.OutOfRange:
      return 400;
    case Code.Unauthenticated:
      return 401;
    case Code.PermissionDenied:
      return 403;
    case Code.NotFound:
      return 404;
    case Code.AlreadyExists:
    case Code.Aborted:
      return 409;
    case Code.ResourceExhausted:
      return 429;
    case Code.Canceled:
      return 499;
    case Code.Unimplemented:
      return 501;
    case Code.Unavailable:
      return 503;
    case Code.DeadlineExceeded:
      return 504;
    default:
      return 502;
  }
}

/** What the REST error handler sends. */
export interface RestErrorResponse {
  statusCode: number;
  detail: string;
  headers: Record<string, string>;
}

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message: string;
}

/**
 * Turns anything a REST route threw into {status, detail}. Backend
 * ConnectErrors keep their message (backends write messages for clients and
 * answer unexpected failures with a bare "internal error"); Fastify's own
 * 4xx errors keep theirs; anything else is logged and answered as 500
 * "internal error", so no internal text leaks.
 */
export function toRestErrorResponse(error: unknown, log: { error(obj: object, msg: string): void }): RestErrorResponse {
  if (error instanceof RestError) return { statusCode: error.statusCode, detail: error.detail, headers: {} };
  if (error instanceof ConnectError) {
    const statusCode = restStatusForCode(error.code);
    const headers: Record<string, string> = {};
    const retryAfter = error.metadata.get("retry-after");
    if (statusCode === 429 && retryAfter !== null) headers["retry-after"] = retryAfter;
    const detail = statusCode === 502 ? `upstream error: ${error.rawMessage}` : error.rawMessage;
    return { statusCode, detail, headers };
  }
  const fastifyError = error as FastifyLikeError;
  const status = fastifyError.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return { statusCode: status === 406 ? 400 : status, detail: clientErrorDetail(fastifyError), headers: {} };
  }
  log.error({ err: error }, "request failed");
  return { statusCode: 500, detail: "internal error", headers: {} };
}

function clientErrorDetail(error: FastifyLikeError): string {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
    case "FST_REQ_FILE_TOO_LARGE":
      return "request body too large";
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return "unsupported content type: send application/json or multipart/form-data";
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return "empty JSON body";
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return "malformed JSON body";
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return "malformed multipart body";
    default:
      // Fastify's JSON parser throws a SyntaxError carrying statusCode 400.
      return error instanceof SyntaxError ? "malformed JSON body" : error.message;
  }
}
