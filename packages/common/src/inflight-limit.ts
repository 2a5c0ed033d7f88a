import { Code, ConnectError } from "@connectrpc/connect";

/**
 * A count of units (calls, pages) in flight with a ceiling. Admission is
 * all-or-nothing and never waits: past the ceiling the caller answers
 * RESOURCE_EXHAUSTED at once, so load beyond capacity is shed at the edge
 * instead of queueing without bound in memory (peers-data.md A2 §2-3).
 */
export interface InflightLimit {
  /** The ceiling. */
  readonly max: number;
  /** Units admitted and not yet released. */
  readonly inFlight: number;
  /**
   * Admits `count` units if they fit under the ceiling, or if nothing is in
   * flight (so a request larger than the ceiling runs alone instead of never).
   */
  tryAcquire(count?: number): boolean;
  /** Gives `count` admitted units back. */
  release(count?: number): void;
}

/** Options of createInflightLimit. */
export interface InflightLimitOptions {
  max: number;
  /** Called after every change, with the new count (to feed a gauge). */
  onChange?(inFlight: number): void;
}

export function createInflightLimit(options: InflightLimitOptions): InflightLimit {
  const max = Math.max(1, Math.floor(options.max));
  let inFlight = 0;
  return {
    max,
    get inFlight() {
      return inFlight;
    },
    tryAcquire(count = 1) {
      if (inFlight > 0 && inFlight + count > max) return false;
      inFlight += count;
      options.onChange?.(inFlight);
      return true;
    },
    release(count = 1) {
      inFlight = Math.max(0, inFlight - count);
      options.onChange?.(inFlight);
    },
  };
}

/** The RESOURCE_EXHAUSTED answer of a full limit: "server busy: 32 requests in flight". */
export function serverBusyError(inFlight: number, unit: string): ConnectError {
  return new ConnectError(`server busy: ${inFlight} ${unit} in flight`, Code.ResourceExhausted);
}
