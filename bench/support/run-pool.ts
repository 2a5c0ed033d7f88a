/** What happened to one item of runPool. */
export type PoolOutcome<R> = { status: "done"; value: R } | { status: "failed"; error: unknown } | { status: "skipped" };

export interface PoolOptions {
  /** Items in progress at once (at least 1). */
  concurrency: number;
  /** No new item starts after this many ms from the start; the rest are "skipped". */
  budgetMs?: number;
  /** Called after each item, e.g. to print progress. */
  onSettled?: (finished: number, total: number) => void;
}

/**
 * Runs fn over items with bounded concurrency and an optional time budget,
 * keeping results in item order. One item's failure never stops the others.
 */
export async function runPool<T, R>(items: readonly T[], options: PoolOptions, fn: (item: T, index: number) => Promise<R>): Promise<Array<PoolOutcome<R>>> {
  const outcomes: Array<PoolOutcome<R>> = items.map(() => ({ status: "skipped" }));
  const startedMs = Date.now();
  let next = 0;
  let finished = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      if (options.budgetMs !== undefined && Date.now() - startedMs > options.budgetMs) return;
      const index = next;
      next += 1;
      try {
        outcomes[index] = { status: "done", value: await fn(items[index] as T, index) };
      } catch (error) {
        outcomes[index] = { status: "failed", error };
      }
      finished += 1;
      options.onSettled?.(finished, items.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, items.length)) }, worker));
  return outcomes;
}
