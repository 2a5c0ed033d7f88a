import { createContextKey } from "@connectrpc/connect";
import type { Logger } from "@docproc/common";
import { pino } from "pino";

// Fallback for handlers run outside the Fastify plugin (unit tests through
// createRouterTransport); the plugin always sets the request's child logger.
const silentLogger: Logger = pino({ level: "silent" });

/** The request's pino child logger (bound to reqId). */
export const kLogger = createContextKey<Logger>(silentLogger, { description: "request logger" });

/** The request id echoed in x-request-id and passed to the backends. */
export const kRequestId = createContextKey<string>("", { description: "request id" });

/** The name of the API key that authenticated the call; "anonymous" when auth is disabled or exempt. */
export const kPrincipal = createContextKey<string>("anonymous", { description: "principal" });
