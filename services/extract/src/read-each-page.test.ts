import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { PageResultSchema, PageStatus, PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { PageHandle } from "@docproc/ingest";
import { describe, expect, it } from "vitest";
import type { ExtractEngine } from "./engine.js";
import { readEachPage } from "./read-each-page.js";

const handles = (count: number): PageHandle[] =>
  Array.from({ length: count }, (_, index) => ({ index, sourceIndex: 0, format: "png", decode: () => Promise.reject(new Error("unused")) }));

function engine(readOne: (index: number) => Promise<void>): ExtractEngine & { calls: number[][] } {
  const calls: number[][] = [];
  return {
    kind: "vlm",
    modelId: "fake",
    calls,
    async readPages(input) {
      calls.push(input.pages.map((page) => page.index));
      const index = input.pages[0]?.index ?? -1;
      await readOne(index);
      return [create(PageResultSchema, { pageIndex: index, status: PageStatus.OK })];
    },
    ready: async () => true,
    close: async () => undefined,
  };
}

describe("readEachPage", () => {
  it("asks for one page per call and keeps the page order whatever finishes first", async () => {
    const fake = engine((index) => new Promise((resolve) => setTimeout(resolve, (3 - index) * 5)));
    let done = 0;
    const pages = await readEachPage(fake, { pages: handles(3), promptMode: PromptMode.LAYOUT_ALL }, new AbortController().signal, () => void done++);
    expect(pages.map((page) => page.pageIndex)).toEqual([0, 1, 2]);
    expect(fake.calls).toEqual([[0], [1], [2]]);
    expect(done).toBe(3);
  });

  it("waits for every page before throwing, and prefers the caller's abort reason", async () => {
    let finished = 0;
    const controller = new AbortController();
    const fake = engine(async (index) => {
      if (index === 0) {
        controller.abort(new ConnectError("call canceled by the client", Code.Canceled));
        throw new Error("engine noticed the abort");
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
      finished += 1;
    });
    const error = await readEachPage(fake, { pages: handles(3), promptMode: PromptMode.LAYOUT_ALL }, controller.signal, () => undefined).catch((e: unknown) => e);
    expect((error as ConnectError).code).toBe(Code.Canceled);
    expect(finished).toBe(2);
  });
});
