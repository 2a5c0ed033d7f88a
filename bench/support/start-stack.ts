import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { findFreePorts } from "./free-port.js";
import { REPO_ROOT } from "./repo-paths.js";
import { createRssSampler, type RssSampler } from "./rss-sampler.js";

export const STACK_SERVICES = ["classify", "extract", "gateway"] as const;
export type StackService = (typeof STACK_SERVICES)[number];

export interface StackOptions {
  /**
   * Variables for all three services, applied last (engine selection, VLM
   * URLs, OCR_WORKERS...). Without any, both backends run the CPU engines.
   */
  env?: Record<string, string>;
  /**
   * The environment the children inherit (PATH, HOME, TESSDATA_PREFIX...).
   * docproc's own variables (GATEWAY_*, CLASSIFY_*, EXTRACT_*, limits,
   * OTEL_*...) are dropped from it so a run does not depend on the caller's
   * shell; pass them in `env` instead.
   */
  baseEnv?: NodeJS.ProcessEnv;
  /** How long to wait for the gateway's /ready; default 180 s. */
  readyTimeoutMs?: number;
  /** RSS sampling interval; default 200 ms. */
  rssIntervalMs?: number;
  /** LOG_LEVEL of the services; default "warn". Logs go to files under logDir. */
  logLevel?: string;
}

export interface Stack {
  /** http://127.0.0.1:<gateway port> */
  readonly baseUrl: string;
  /** The generated API key the gateway accepts (x-api-key). */
  readonly apiKey: string;
  readonly ports: Record<StackService, number>;
  readonly pids: Record<StackService, number>;
  /** Where each service's stdout/stderr goes (<service>.log). */
  readonly logDir: string;
  /** Peak RSS per service (process tree) since start or the last resetPeaks(). */
  readonly rss: RssSampler;
  /** Services that exited before stop(), with their exit code or signal. */
  exited(): Partial<Record<StackService, string>>;
  /** SIGTERM to every service, then waits (SIGKILL after 30 s). */
  stop(): Promise<void>;
}

const DOCPROC_VARIABLE =
  /^(GATEWAY_|CLASSIFY_|EXTRACT_|OTEL_|RATE_LIMIT_|FETCH_|BACKEND_|METRICS_|MAX_|DEFAULT_DEADLINE_MS$|HEALTH_CACHE_MS$|SHUTDOWN_GRACE_MS$|OCR_WORKERS$|LOG_LEVEL$|HOST$)/;

function inheritedEnv(base: NodeJS.ProcessEnv | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(base ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined && !DOCPROC_VARIABLE.test(entry[0])),
  );
}

function logTail(logDir: string, service: StackService): string {
  try {
    return readFileSync(join(logDir, `${service}.log`), "utf8").split("\n").slice(-15).join("\n");
  } catch {
    return "(no log)";
  }
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Polls GET /ready until 200, a service dies, or the timeout passes. */
async function waitForReady(baseUrl: string, timeoutMs: number, died: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    const dead = died();
    if (dead) throw new Error(dead);
    try {
      const response = await fetch(`${baseUrl}/ready`, { signal: AbortSignal.timeout(2_000) });
      last = `${response.status} ${await response.text()}`;
      if (response.status === 200) return;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await delay(500);
  }
  throw new Error(`gateway not ready after ${Math.round(timeoutMs / 1000)} s (last /ready: ${last})`);
}

/**
 * Starts classify, extract and gateway as child processes
 * (`node --import tsx services/<name>/src/main.ts`) on free ports with a
 * generated API key, waits for the gateway's /ready, and samples each
 * process's RSS. The caller must call stop() (also on errors).
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const [gatewayPort, classifyPort, extractPort, classifyMetricsPort, extractMetricsPort] = (await findFreePorts(5)) as [number, number, number, number, number];
  const ports: Record<StackService, number> = { gateway: gatewayPort, classify: classifyPort, extract: extractPort };
  const apiKey = randomBytes(24).toString("base64url");
  const logDir = mkdtempSync(join(tmpdir(), "docproc-bench-"));
  const env: Record<string, string> = {
    ...inheritedEnv(options.baseEnv),
    HOST: "127.0.0.1",
    LOG_LEVEL: options.logLevel ?? "warn",
    GATEWAY_HOST: "127.0.0.1",
    GATEWAY_PORT: String(gatewayPort),
    GATEWAY_API_KEY: apiKey,
    CLASSIFY_PORT: String(classifyPort),
    EXTRACT_PORT: String(extractPort),
    // Free ports rather than the fixed defaults, so a stack already running here does not collide.
    CLASSIFY_METRICS_PORT: String(classifyMetricsPort),
    EXTRACT_METRICS_PORT: String(extractMetricsPort),
    CLASSIFY_ADDR: `dns:///127.0.0.1:${classifyPort}`,
    EXTRACT_ADDR: `dns:///127.0.0.1:${extractPort}`,
    CLASSIFY_ENGINE: "cpu",
    EXTRACT_ENGINE: "cpu",
    ...options.env,
  };

  const children = {} as Record<StackService, ChildProcess>;
  const exits: Partial<Record<StackService, string>> = {};
  let stopping = false;
  for (const service of STACK_SERVICES) {
    const log = openSync(join(logDir, `${service}.log`), "a");
    const child = spawn(process.execPath, ["--import", "tsx", `services/${service}/src/main.ts`], {
      cwd: REPO_ROOT,
      env,
      stdio: ["ignore", log, log],
    });
    closeSync(log); // the child holds its own descriptor
    child.once("exit", (code, signal) => {
      if (!stopping) exits[service] = signal ?? `exit code ${code}`;
    });
    children[service] = child;
  }
  const pids = Object.fromEntries(STACK_SERVICES.map((s) => [s, children[s].pid ?? 0])) as Record<StackService, number>;
  const rss = createRssSampler({ pids, intervalMs: options.rssIntervalMs ?? 200 });

  // Safety net: if the benchmark exits without stop() (an uncaught error),
  // no service is left running on its own.
  const killLeftovers = (): void => {
    for (const child of Object.values(children)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  process.once("exit", killLeftovers);

  const stop = async (): Promise<void> => {
    stopping = true;
    process.off("exit", killLeftovers);
    rss.stop();
    for (const child of Object.values(children)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await Promise.all(
      Object.values(children).map(async (child) => {
        if (!(await waitForExit(child, 30_000))) child.kill("SIGKILL");
      }),
    );
  };

  const baseUrl = `http://127.0.0.1:${gatewayPort}`;
  try {
    await waitForReady(baseUrl, options.readyTimeoutMs ?? 180_000, () => {
      const dead = STACK_SERVICES.find((s) => exits[s] !== undefined);
      return dead ? `${dead} exited during start-up (${exits[dead]})` : undefined;
    });
  } catch (error) {
    await stop();
    const tails = STACK_SERVICES.map((s) => `--- ${s} (${join(logDir, `${s}.log`)})\n${logTail(logDir, s)}`).join("\n");
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${tails}`);
  }
  return { baseUrl, apiKey, ports, pids, logDir, rss, exited: () => ({ ...exits }), stop };
}

/**
 * Stops the stack when the benchmark is interrupted (Ctrl-C), so no service
 * is left running; returns a function that removes the handlers.
 */
export function stopStackOnSignals(stack: Pick<Stack, "stop">): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\n${signal}: stopping the services...\n`);
    void stack.stop().finally(() => process.exit(130));
  };
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}
