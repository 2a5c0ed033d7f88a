import { abortError } from "./abort-error.js";

/** Gives back a slot taken by acquire(); calling it again does nothing. */
export type Release = () => void;

/**
 * At most `limit` tasks at once, the rest waiting in FIFO order. Called as a
 * function it runs a task in a slot; acquire() takes a slot for work that is
 * not one promise. With a signal, a caller still waiting when it aborts
 * leaves the line and rejects with abortError(signal, what), never running.
 */
export interface Limiter {
  <T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  acquire(signal?: AbortSignal): Promise<Release>;
}

/** Options of createLimiter. */
export interface LimiterOptions {
  /** First word of the abort error's message ("extract canceled"); default "operation". */
  what?: string;
}

interface Waiter {
  readonly signal: AbortSignal | undefined;
  grant(): void;
  fail(error: unknown): void;
}

/**
 * A queueing concurrency limiter. Hand-written because the workspace has no
 * p-limit-style dependency and one is not worth adding. Unlike
 * createInflightLimit, which refuses at once past its ceiling, this one makes
 * callers wait.
 */
export function createLimiter(limit: number, options: LimiterOptions = {}): Limiter {
  const max = Math.max(1, Math.floor(limit));
  const queue: Waiter[] = [];
  let active = 0;
  // One abort listener per signal, however many waiters share it: a call's
  // pages all wait with the call's signal, and Node warns
  // (MaxListenersExceededWarning) past 10 listeners on one signal.
  const watched = new Map<AbortSignal, { waiters: Set<Waiter>; onAbort: () => void }>();

  function watch(waiter: Waiter): void {
    const { signal } = waiter;
    if (!signal) return;
    let entry = watched.get(signal);
    if (!entry) {
      const waiters = new Set<Waiter>();
      const onAbort = (): void => {
        watched.delete(signal);
        for (const each of waiters) {
          queue.splice(queue.indexOf(each), 1);
          each.fail(abortError(signal, options.what));
        }
      };
      entry = { waiters, onAbort };
      watched.set(signal, entry);
      signal.addEventListener("abort", onAbort, { once: true });
    }
    entry.waiters.add(waiter);
  }

  function unwatch(waiter: Waiter): void {
    const entry = waiter.signal && watched.get(waiter.signal);
    if (!entry || !waiter.signal) return;
    entry.waiters.delete(waiter);
    if (entry.waiters.size > 0) return;
    waiter.signal.removeEventListener("abort", entry.onAbort);
    watched.delete(waiter.signal);
  }

  // A finishing holder hands its slot straight to the next waiter, so a caller
  // arriving in between cannot take it and overshoot the limit.
  const releaser = (): Release => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.shift();
      if (!next) {
        active -= 1;
        return;
      }
      unwatch(next);
      next.grant();
    };
  };

  function acquire(signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(abortError(signal, options.what));
    if (active < max) {
      active += 1;
      return Promise.resolve(releaser());
    }
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = { signal, grant: () => resolve(releaser()), fail: reject };
      queue.push(waiter);
      watch(waiter);
    });
  }

  async function run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await acquire(signal);
    try {
      return await task();
    } finally {
      release();
    }
  }
  return Object.assign(run, { acquire });
}
