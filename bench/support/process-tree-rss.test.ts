import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readRssBytes, readTreeRssBytes } from "./process-tree-rss.js";

describe.runIf(existsSync("/proc/self/status"))("process-tree-rss", () => {
  it("reads this process's RSS, and its tree is at least as large", () => {
    const own = readRssBytes(process.pid) ?? 0;
    expect(own).toBeGreaterThan(1024 * 1024);
    expect(readTreeRssBytes(process.pid) ?? 0).toBeGreaterThanOrEqual(own);
  });

  it("gives undefined for a process that does not exist", () => {
    expect(readRssBytes(2 ** 22 + 12345)).toBeUndefined();
    expect(readTreeRssBytes(2 ** 22 + 12345)).toBeUndefined();
  });
});
