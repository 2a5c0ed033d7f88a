import { abortError } from "./abort-error.js";

/** Releases the slot taken by acquire(). */
export type Release = () => void;

/** At most `limit` holders at once; waiters leave the line when their signal aborts. */
export function createLimiter(limit: number): { acquire(signal?: AbortSignal): Promise<Release> } {
  let active = 0;
  const waiters: Array<() => void> = [];

  function release(): void {
    active -= 1;
    const next = waiters.shift();
    if (next) next();
  }

  function grant(): Release {
    active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  }

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(abortError(signal));
      if (active < limit) return Promise.resolve(grant());
      return new Promise<Release>((resolve, reject) => {
        const wake = (): void => {
          signal?.removeEventListener("abort", onAbort);
          resolve(grant());
        };
        const onAbort = (): void => {
          const index = waiters.indexOf(wake);
          if (index >= 0) waiters.splice(index, 1);
          reject(abortError(signal as AbortSignal));
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        waiters.push(wake);
      });
    },
  };
}
