/**
 * A counting semaphore standing in for a model server's capacity: at most
 * `capacity` jobs run at once, the rest wait in arrival order. Written here
 * rather than imported from a service so the benchmark's fake stays
 * independent of the code it measures.
 */
export interface CapacityGate {
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Jobs running now, and the most ever at once. */
  readonly inService: number;
  readonly maxInService: number;
  /** Jobs waiting now, and the most ever waiting at once. */
  readonly queued: number;
  readonly maxQueued: number;
  resetPeaks(): void;
}

/** capacity <= 0 means unlimited. */
export function createCapacityGate(capacity: number): CapacityGate {
  const waiting: Array<() => void> = [];
  let inService = 0;
  let maxInService = 0;
  let maxQueued = 0;
  const limited = capacity > 0;

  async function acquire(): Promise<void> {
    if (!limited || inService < capacity) {
      inService += 1;
    } else {
      // The releasing job hands its slot over directly, so inService stays put.
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        maxQueued = Math.max(maxQueued, waiting.length);
      });
    }
    maxInService = Math.max(maxInService, inService);
  }

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else inService -= 1;
  }

  return {
    async run(job) {
      await acquire();
      try {
        return await job();
      } finally {
        release();
      }
    },
    get inService() {
      return inService;
    },
    get maxInService() {
      return maxInService;
    },
    get queued() {
      return waiting.length;
    },
    get maxQueued() {
      return maxQueued;
    },
    resetPeaks() {
      maxInService = inService;
      maxQueued = waiting.length;
    },
  };
}
