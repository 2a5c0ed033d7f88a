import { createLimiter } from "@docproc/common";

export interface BoundedResult<R> {
  /** Results by input index; undefined where a worker failed or never ran. */
  values: (R | undefined)[];
  /** The first failure in time, when there was one. */
  error?: { reason: unknown };
}

/**
 * Runs `worker` over `items` with at most `limit` in flight. On the first failure the shared
 * signal aborts the others and no new work starts; it still waits for everything in flight,
 * so the caller can release whatever did succeed.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  worker: (item: T, index: number, signal: AbortSignal) => Promise<R>,
  signal?: AbortSignal,
): Promise<BoundedResult<R>> {
  const controller = new AbortController();
  const shared = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
  const result: BoundedResult<R> = { values: new Array<R | undefined>(items.length).fill(undefined) };
  const slot = createLimiter(limit);
  await Promise.all(
    items.map((item, index) =>
      slot(async () => {
        if (result.error !== undefined) return;
        try {
          result.values[index] = await worker(item, index, shared);
        } catch (reason) {
          if (result.error === undefined) {
            result.error = { reason };
            controller.abort();
          }
        }
      }),
    ),
  );
  return result;
}
