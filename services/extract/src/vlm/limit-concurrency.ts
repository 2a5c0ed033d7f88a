/** Runs a task under the limiter. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * At most `limit` tasks run at once; the rest wait in FIFO order. Hand-written
 * (about 20 lines) because the workspace has no p-limit-style dependency and
 * adding one for this is not worth it.
 */
export function createLimiter(limit: number): Limiter {
  const max = Math.max(1, Math.floor(limit));
  const queue: Array<() => void> = [];
  let active = 0;
  // A finishing task hands its slot straight to the next waiter, so a caller
  // arriving in between cannot take it and overshoot the limit.
  const release = (): void => {
    const next = queue.shift();
    if (next) next();
    else active -= 1;
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((resolve) => queue.push(resolve));
    else active += 1;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
