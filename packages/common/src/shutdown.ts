/**
 * Runs `fn` once on the first SIGTERM or SIGINT. A second signal while `fn`
 * is still running exits at once with status 130, so a stuck drain can be
 * interrupted from the terminal. Used only by main.ts files.
 */
export function onShutdownSignals(fn: (signal: NodeJS.Signals) => void | Promise<void>): void {
  let started = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (started) {
      process.exit(130);
    }
    started = true;
    void fn(signal);
  };
  process.on("SIGTERM", handler);
  process.on("SIGINT", handler);
}
