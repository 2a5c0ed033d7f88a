/** Deadline limits from the config. */
export interface DeadlineLimits {
  defaultDeadlineMs: number;
  maxDeadlineMs: number;
}

/**
 * The deadline to give a backend call: the caller's remaining time (Connect
 * `ctx.timeoutMs()`), or the default when the caller set none, never more
 * than the maximum. Connect already rejects caller timeouts above
 * maxTimeoutMs; the cap here also covers REST, which has no caller deadline.
 */
export function backendTimeoutMs(callerTimeoutMs: number | undefined, limits: DeadlineLimits): number {
  const wanted = callerTimeoutMs ?? limits.defaultDeadlineMs;
  return Math.max(0, Math.min(wanted, limits.maxDeadlineMs));
}
