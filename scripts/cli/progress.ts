/**
 * Shows "<label> … 12s" on stderr while a call runs, when stderr is a
 * terminal (the calls are unary, so elapsed time is the progress there is).
 */
export function startProgress(label: string): { stop(): void } {
  if (!process.stderr.isTTY) return { stop() {} };
  const started = Date.now();
  const draw = () => process.stderr.write(`\r${label} … ${Math.round((Date.now() - started) / 1000)}s`);
  draw();
  const timer = setInterval(draw, 500);
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      process.stderr.write("\r\x1b[K");
    },
  };
}
