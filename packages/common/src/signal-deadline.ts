import { Code, ConnectError } from "@connectrpc/connect";

/**
 * The deadline a call's AbortSignal stands for. Engine ports take only a
 * signal (it is what everything slow already accepts), so the deadline rides
 * along with it: code deep down (a retry loop deciding whether another
 * attempt fits) can ask how long is left without every port growing a
 * deadline parameter. A WeakMap keeps no signal alive.
 */
const deadlines = new WeakMap<AbortSignal, number>();

/** Longest delay setTimeout accepts; later deadlines are only recorded. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Records that `signal` aborts at `deadline` (createCallContext does this for every call). */
export function registerSignalDeadline(signal: AbortSignal, deadline: Date): void {
  deadlines.set(signal, deadline.getTime());
}

/** The deadline registered for `signal`, if any. */
export function signalDeadline(signal: AbortSignal | undefined): Date | undefined {
  const ms = signal ? deadlines.get(signal) : undefined;
  return ms === undefined ? undefined : new Date(ms);
}

/** Milliseconds until the signal's deadline (never negative), or undefined without one. */
export function remainingMs(signal: AbortSignal | undefined): number | undefined {
  const ms = signal ? deadlines.get(signal) : undefined;
  return ms === undefined ? undefined : Math.max(0, ms - Date.now());
}

/** A signal plus the hook that stops its deadline timer. */
export interface DeadlineSignal {
  readonly signal: AbortSignal;
  /** Stops the timer; the signal stays as it is. */
  dispose(): void;
}

/**
 * A signal that aborts with DeadlineExceeded at `deadline` (or with the
 * parent's reason, whichever comes first) and carries that deadline for
 * remainingMs(). For code that starts work outside a gRPC call (tests,
 * benchmarks) but wants the same deadline behaviour.
 */
export function createDeadlineSignal(deadline: Date, parent?: AbortSignal): DeadlineSignal {
  const controller = new AbortController();
  const expire = (): void => {
    if (!controller.signal.aborted) controller.abort(new ConnectError("deadline exceeded", Code.DeadlineExceeded));
  };
  const onParentAbort = (): void => {
    if (!controller.signal.aborted) controller.abort(parent?.reason);
  };
  const leftMs = deadline.getTime() - Date.now();
  let timer: NodeJS.Timeout | undefined;
  if (leftMs <= 0) expire();
  else if (leftMs <= MAX_TIMER_MS) timer = setTimeout(expire, leftMs);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener("abort", onParentAbort, { once: true });
  registerSignalDeadline(controller.signal, deadline);
  return {
    signal: controller.signal,
    dispose() {
      if (timer) clearTimeout(timer);
      parent?.removeEventListener("abort", onParentAbort);
    },
  };
}
