#!/usr/bin/env node
// `npm start`: runs classify, extract and the gateway as child processes of
// one supervisor, for local use. Each child's output lines are prefixed with
// its name. If one child dies the others are stopped and this exits non-zero;
// Ctrl-C / SIGTERM stops all three gracefully. Plain ESM so it runs without
// a build step.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = process.env;

const classifyPort = env.CLASSIFY_PORT || "50051";
const extractPort = env.EXTRACT_PORT || "50052";
const graceMs = Number(env.SHUTDOWN_GRACE_MS) > 0 ? Number(env.SHUTDOWN_GRACE_MS) : 10_000;
// Children drain for SHUTDOWN_GRACE_MS themselves; after 5 s more they are killed.
const killAfterMs = graceMs + 5_000;

const backendEnv = { ...env, CLASSIFY_PORT: classifyPort, EXTRACT_PORT: extractPort };
const gatewayEnv = {
  ...backendEnv,
  CLASSIFY_ADDR: env.CLASSIFY_ADDR || `dns:///127.0.0.1:${classifyPort}`,
  EXTRACT_ADDR: env.EXTRACT_ADDR || `dns:///127.0.0.1:${extractPort}`,
};

// The gateway refuses to start without keys (or an explicit opt-out). For a
// local run, make one up and say so once.
const authDisabled = /^(true|1|yes|on|y|enabled)$/i.test((env.GATEWAY_AUTH_DISABLED ?? "").trim());
if (!env.GATEWAY_API_KEY?.trim() && !env.GATEWAY_API_KEYS?.trim() && !authDisabled) {
  const key = randomBytes(24).toString("base64url");
  gatewayEnv.GATEWAY_API_KEY = key;
  printGeneratedKey(key, env.GATEWAY_PORT || "8000");
}

const specs = [
  { name: "classify", env: backendEnv },
  { name: "extract", env: backendEnv },
  { name: "gateway", env: gatewayEnv },
];
const width = Math.max(...specs.map((spec) => spec.name.length));

/** @type {Map<string, import("node:child_process").ChildProcess>} */
const running = new Map();
let stopping = false;
let exitCode = 0;
let killTimer;

for (const spec of specs) startChild(spec);

process.on("SIGINT", () => onSignal("SIGINT"));
process.on("SIGTERM", () => onSignal("SIGTERM"));

function startChild(spec) {
  const child = spawn(process.execPath, ["--import", "tsx", `services/${spec.name}/src/main.ts`], {
    cwd: root,
    env: spec.env,
    stdio: ["ignore", "pipe", "pipe"],
    // Own process group: a terminal Ctrl-C reaches only this supervisor,
    // which then sends exactly one SIGTERM (a second signal would make a
    // child skip its graceful drain).
    detached: true,
  });
  running.set(spec.name, child);
  prefixLines(child.stdout, process.stdout, spec.name);
  prefixLines(child.stderr, process.stderr, spec.name);
  child.on("error", (error) => {
    say(`${spec.name} could not be started: ${error.message}`);
    onChildGone(spec.name, 1, null);
  });
  // "close" rather than "exit": it comes after the last output line.
  child.on("close", (code, signal) => onChildGone(spec.name, code, signal));
}

function onChildGone(name, code, signal) {
  if (!running.has(name)) return;
  running.delete(name);
  const how = signal ? `signal ${signal}` : `code ${code}`;
  if (!stopping) {
    say(`${name} exited unexpectedly (${how}); stopping the others`);
    exitCode = 1;
    stopAll();
  } else {
    if (code !== 0 && signal !== "SIGTERM") exitCode = 1;
    say(`${name} stopped (${how})`);
  }
  if (running.size === 0) {
    clearTimeout(killTimer);
    process.exit(exitCode);
  }
}

function onSignal(signal) {
  if (stopping) {
    say(`${signal} again: killing the children now`);
    for (const child of running.values()) kill(child, "SIGKILL");
    return;
  }
  say(`${signal}: stopping (grace ${graceMs} ms)`);
  stopAll();
}

function stopAll() {
  stopping = true;
  for (const child of running.values()) kill(child, "SIGTERM");
  killTimer = setTimeout(() => {
    for (const [name, child] of running) {
      say(`${name} still running after ${killAfterMs} ms; killing it`);
      kill(child, "SIGKILL");
    }
  }, killAfterMs);
}

function kill(child, signal) {
  try {
    child.kill(signal);
  } catch {
    // Already gone; its exit event settles the bookkeeping.
  }
}

function prefixLines(input, output, name) {
  const prefix = `${name.padEnd(width)} | `;
  createInterface({ input, crlfDelay: Infinity }).on("line", (line) => output.write(`${prefix}${line}\n`));
}

function say(message) {
  process.stderr.write(`${"start".padEnd(width)} | ${message}\n`);
}

function printGeneratedKey(key, gatewayPort) {
  const rule = "=".repeat(72);
  process.stderr.write(
    [
      rule,
      "No GATEWAY_API_KEY / GATEWAY_API_KEYS set: generated an API key for this run:",
      "",
      `    ${key}`,
      "",
      "Try:",
      `    curl -s -H 'x-api-key: ${key}' -H 'content-type: application/json' \\`,
      `      -d '{"image_urls":["https://example.com/w2.png"]}' \\`,
      `      http://127.0.0.1:${gatewayPort}/v1/classify`,
      "",
      "Set GATEWAY_API_KEY to keep a fixed key (or GATEWAY_AUTH_DISABLED=true for local tests).",
      rule,
      "",
    ].join("\n"),
  );
}
