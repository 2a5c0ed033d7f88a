import { Code, ConnectError } from "@connectrpc/connect";

/** The gRPC code name of any error ("DEADLINE_EXCEEDED", "UNAVAILABLE", ...), as the reports count them. */
export function errorCodeName(error: unknown): string {
  const code = ConnectError.from(error).code;
  return codeName(code);
}

/** Code.ResourceExhausted → "RESOURCE_EXHAUSTED". */
export function codeName(code: Code): string {
  return (Code[code] ?? String(code)).replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

/** A short, log-safe description of an error: its code and message, cut to 160 characters. */
export function describeError(error: unknown): string {
  const connect = ConnectError.from(error);
  return `${codeName(connect.code)}: ${connect.rawMessage}`.slice(0, 160);
}
