import type { Logger } from "pino";

/** Options of createReadinessMonitor. */
export interface ReadinessMonitorOptions {
  /** Cheap probe: is the dependency (model server, OCR workers) usable now? */
  check(signal: AbortSignal): Promise<boolean>;
  /** Called on every change of the answer (first answer included when ready). */
  onChange(ready: boolean): void;
  logger?: Logger;
  /** First retry delay while not ready; doubles up to maxIntervalMs. Default 1000. */
  minIntervalMs?: number;
  /** Longest delay between probes while not ready. Default 15000. */
  maxIntervalMs?: number;
  /** Delay between probes while ready, to notice a dependency going away. Default 30000. */
  readyIntervalMs?: number;
  /** Each probe is abandoned after this long and counts as not ready. Default 5000. */
  checkTimeoutMs?: number;
}

/** Polls a readiness probe with backoff. */
export interface ReadinessMonitor {
  /** Probes now, then keeps polling until stop(). */
  start(): void;
  /** Stops polling and abandons a probe in flight. */
  stop(): void;
  /** The last answer (false before the first). */
  readonly ready: boolean;
}

/**
 * Polls `check` and reports changes. Timers are unref'd so a monitor never
 * keeps a process alive on its own.
 */
export function createReadinessMonitor(options: ReadinessMonitorOptions): ReadinessMonitor {
  const minIntervalMs = options.minIntervalMs ?? 1000;
  const maxIntervalMs = options.maxIntervalMs ?? 15_000;
  const readyIntervalMs = options.readyIntervalMs ?? 30_000;
  const checkTimeoutMs = options.checkTimeoutMs ?? 5000;
  let ready = false;
  let stopped = true;
  let delayMs = minIntervalMs;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: AbortController | undefined;

  const probe = async (): Promise<void> => {
    inFlight = new AbortController();
    const signal = AbortSignal.any([inFlight.signal, AbortSignal.timeout(checkTimeoutMs)]);
    let answer = false;
    try {
      answer = await options.check(signal);
    } catch (error) {
      options.logger?.debug({ err: error }, "readiness probe failed");
    }
    inFlight = undefined;
    if (stopped) return;
    if (answer !== ready) {
      ready = answer;
      options.onChange(answer);
    }
    delayMs = answer ? minIntervalMs : Math.min(delayMs * 2, maxIntervalMs);
    schedule(answer ? readyIntervalMs : delayMs);
  };

  const schedule = (ms: number): void => {
    timer = setTimeout(() => void probe(), ms);
    timer.unref();
  };

  return {
    get ready() {
      return ready;
    },
    start() {
      if (!stopped) return;
      stopped = false;
      delayMs = minIntervalMs / 2;
      void probe();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      inFlight?.abort();
    },
  };
}
