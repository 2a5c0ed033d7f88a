import { Code, ConnectError } from "@connectrpc/connect";
import type { Metadata, ServerUnaryCall } from "@grpc/grpc-js";
import type { Logger } from "pino";
import { registerSignalDeadline } from "./signal-deadline.js";

/** What a unary handler knows about its call. */
export interface CallContext {
  /**
   * Aborted when the client cancels or the deadline passes; the reason is a
   * ConnectError (Canceled or DeadlineExceeded). Pass it to everything slow.
   */
  readonly signal: AbortSignal;
  /** The client's deadline, if it set one. */
  readonly deadline: Date | undefined;
  /** Milliseconds left until the deadline (never negative), or undefined without one. */
  timeoutMs(): number | undefined;
  /** From the x-request-id metadata, or generated. */
  readonly requestId: string;
  /** A child of the server logger bound to { requestId, rpc }. */
  readonly logger: Logger;
  /** The request metadata. */
  readonly metadata: Metadata;
}

/** A CallContext plus the hook that ends its timers. */
export interface CallContextHandle {
  readonly context: CallContext;
  /** Call once the response or error has been sent: stops the deadline timer. */
  finish(): void;
}

/** How close to the deadline a client cancel counts as the deadline (see the "cancelled" handler). */
const DEADLINE_CANCEL_SLACK_MS = 250;

/** Longest delay setTimeout accepts; later deadlines are left to grpc-js. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Builds the context of one grpc-js unary call. */
export function createCallContext(
  call: ServerUnaryCall<unknown, unknown>,
  options: { requestId: string; logger: Logger },
): CallContextHandle {
  const controller = new AbortController();
  const deadline = toDate(call.getDeadline());
  let finished = false;

  const abortDeadline = (): void => {
    if (!finished && !controller.signal.aborted) {
      controller.abort(new ConnectError("deadline exceeded", Code.DeadlineExceeded));
    }
  };

  let timer: NodeJS.Timeout | undefined;
  if (deadline) {
    // Engines see only the signal; remainingMs(signal) reads the deadline back.
    registerSignalDeadline(controller.signal, deadline);
    const remainingMs = deadline.getTime() - Date.now();
    if (remainingMs <= 0) abortDeadline();
    else if (remainingMs <= MAX_TIMER_MS) timer = setTimeout(abortDeadline, remainingMs);
  }

  // grpc-js emits "cancelled" for a client cancel, for its own deadline
  // timer, and sometimes after a normal completion: only the first two count.
  // A grpc-js client also cancels when *its* deadline passes, which is a
  // little before ours (ours was computed from grpc-timeout on arrival, later
  // by the transit time and any event-loop lag): a cancel that close to the
  // deadline is the deadline.
  call.on("cancelled", () => {
    if (finished || controller.signal.aborted) return;
    if (deadline && deadline.getTime() - Date.now() <= DEADLINE_CANCEL_SLACK_MS) abortDeadline();
    else controller.abort(new ConnectError("call canceled by the client", Code.Canceled));
  });

  const context: CallContext = {
    signal: controller.signal,
    deadline,
    timeoutMs: () => (deadline ? Math.max(0, deadline.getTime() - Date.now()) : undefined),
    requestId: options.requestId,
    logger: options.logger,
    metadata: call.metadata,
  };
  return {
    context,
    finish() {
      finished = true;
      if (timer) clearTimeout(timer);
    },
  };
}

function toDate(deadline: Date | number): Date | undefined {
  if (deadline instanceof Date) return deadline;
  return Number.isFinite(deadline) ? new Date(deadline) : undefined;
}
