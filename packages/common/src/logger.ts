import { pino, type Logger, type LoggerOptions } from "pino";

export type { Logger } from "pino";

/** Options of createLogger. */
export interface LoggerConfig {
  /** The service name, put on every line. */
  service: string;
  /** pino level: fatal, error, warn, info, debug, trace, silent. */
  level: string;
  /** Where to write; defaults to stdout. Tests pass a stream to read lines back. */
  destination?: NodeJS.WritableStream;
}

/**
 * The one pino root logger of a process. JSON lines; secrets and document
 * content are redacted by key name as a second line of defence (code must
 * not log them in the first place).
 */
export function createLogger(config: LoggerConfig): Logger {
  const options: LoggerOptions = {
    level: config.level,
    base: { service: config.service },
    redact: {
      paths: [
        "apiKey", "*.apiKey", "key", "*.key",
        "req.headers.authorization", "req.headers[\"x-api-key\"]",
        "headers.authorization", "headers[\"x-api-key\"]",
        "content", "*.content", "text", "*.text", "markdown", "*.markdown",
      ],
      censor: "[redacted]",
    },
  };
  return config.destination
    ? pino(options, config.destination as pino.DestinationStream)
    : pino(options);
}
