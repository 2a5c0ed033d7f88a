import { z } from "zod";

/** The pino levels LOG_LEVEL accepts. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** A TCP port, 0..65535 (0 lets the OS pick, for tests). */
export function port(defaultPort: number) {
  return z.coerce.number().int().min(0).max(65535).default(defaultPort);
}

/** A pino level, case-insensitive; default "info". */
export function logLevel(defaultLevel: (typeof LOG_LEVELS)[number] = "info") {
  return z
    .string()
    .transform((value) => value.trim().toLowerCase())
    .pipe(z.enum(LOG_LEVELS))
    .default(defaultLevel);
}

/**
 * A boolean flag: true/false, 1/0, yes/no, on/off. z.stringbool, because
 * z.coerce.boolean() would read "false" as true.
 */
export function stringBool(defaultValue: boolean) {
  return z.stringbool().default(defaultValue);
}

/** A positive integer, such as a timeout or a size. */
export function positiveInt(defaultValue?: number) {
  const schema = z.coerce.number().int().positive();
  return defaultValue === undefined ? schema : schema.default(defaultValue);
}

/** An http(s) URL, or undefined when unset. */
export function url() {
  return z.url({ protocol: /^https?$/ }).optional();
}

/** Raised by loadConfig; the message lists every bad variable. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Parses the environment with a schema whose keys are variable names. Empty
 * values count as unset (compose files write `KEY=` for "no value"). Throws
 * one ConfigError listing every bad key; values are never echoed, since some
 * are secrets.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.output<S> {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== "") cleaned[key] = value;
  }
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = issue.path.length > 0 ? issue.path.join(".") : "(config)";
    return `  ${key}: ${issue.message}`;
  });
  throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
}
