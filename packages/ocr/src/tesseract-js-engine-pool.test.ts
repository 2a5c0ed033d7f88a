import { EventEmitter } from "node:events";
import { Code } from "@connectrpc/connect";
import type Tesseract from "tesseract.js";
import { describe, expect, it } from "vitest";
import { blankPng } from "./blank-png.js";
import { createTesseractJsEngine, type PoolWorker } from "./tesseract-js-engine.js";

/** A stand-in for a tesseract.js worker whose jobs the test settles by hand. */
class FakeWorker implements PoolWorker {
  readonly worker = new EventEmitter();
  readonly jobs: Array<{ resolve: (r: { data: Tesseract.Page }) => void; reject: (e: unknown) => void }> = [];
  terminated = false;
  /** tessedit_pageseg_mode at each recognize call, as the pool set it. */
  readonly modes: string[] = [];
  readonly parameterCalls: Array<Partial<Tesseract.WorkerParams>> = [];
  private mode = "4";

  setParameters(params: Partial<Tesseract.WorkerParams>): Promise<void> {
    this.parameterCalls.push(params);
    if (params.tessedit_pageseg_mode !== undefined) this.mode = String(params.tessedit_pageseg_mode);
    return Promise.resolve();
  }

  recognize(): Promise<{ data: Tesseract.Page }> {
    this.modes.push(this.mode);
    return new Promise((resolve, reject) => this.jobs.push({ resolve, reject }));
  }

  terminate(): Promise<void> {
    this.terminated = true;
    return Promise.resolve();
  }

  finish(text: string): void {
    const word = { text, confidence: 90, bbox: { x0: 1, y0: 2, x1: 30, y1: 12 } };
    const line = { text, confidence: 90, bbox: word.bbox, words: [word] };
    const data = { blocks: [{ paragraphs: [{ lines: [line] }] }] } as unknown as Tesseract.Page;
    this.jobs.shift()?.resolve({ data });
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("createTesseractJsEngine pool", () => {
  it("drops a queued job when its signal aborts and runs the rest in order", async () => {
    const fake = new FakeWorker();
    const engine = createTesseractJsEngine({ workers: 1, createWorker: async () => fake });
    const png = await blankPng();
    const first = engine.recognize(png);
    const controller = new AbortController();
    const second = engine.recognize(png, controller.signal);
    const third = engine.recognize(png);
    await tick();
    expect(fake.jobs).toHaveLength(1);
    controller.abort();
    await expect(second).rejects.toMatchObject({ code: Code.Canceled });
    fake.finish("one");
    await expect(first).resolves.toMatchObject({ width: 64, height: 32, text: "one" });
    await tick();
    expect(fake.jobs).toHaveLength(1); // the third job, not the aborted second
    fake.finish("three");
    const page = await third;
    expect(page.lines[0]?.words[0]).toEqual({ text: "three", confidence: 0.9, bbox: { x0: 1, y0: 2, x1: 30, y1: 12 } });
    await engine.close();
    expect(fake.terminated).toBe(true);
  });

  it("switches the worker to PSM 11 for sparse-text pages and back, only when the mode changes", async () => {
    const fake = new FakeWorker();
    const engine = createTesseractJsEngine({ workers: 1, createWorker: async () => fake });
    const png = await blankPng();
    const pages = [
      engine.recognize(png),
      engine.recognize(png, undefined, { segmentation: "sparse-text" }),
      engine.recognize(png, undefined, { segmentation: "sparse-text" }),
      engine.recognize(png, undefined, { segmentation: "single-column" }),
    ];
    for (const text of ["a", "b", "c", "d"]) {
      for (let i = 0; i < 4 && fake.jobs.length === 0; i++) await tick();
      fake.finish(text);
    }
    await expect(Promise.all(pages)).resolves.toHaveLength(4);
    expect(fake.modes).toEqual(["4", "11", "11", "4"]);
    expect(fake.parameterCalls).toEqual([{ tessedit_pageseg_mode: "11" }, { tessedit_pageseg_mode: "4" }]);
    await engine.close();
  });

  it("fails the job of a crashed worker thread and replaces the worker", async () => {
    const fakes: FakeWorker[] = [];
    const engine = createTesseractJsEngine({
      workers: 1,
      createWorker: async () => {
        fakes.push(new FakeWorker());
        return fakes[fakes.length - 1] as FakeWorker;
      },
    });
    const png = await blankPng();
    const lost = engine.recognize(png);
    await tick();
    fakes[0]?.worker.emit("error", new Error("wasm trap"));
    await expect(lost).rejects.toMatchObject({ code: Code.Internal });
    const next = engine.recognize(png);
    await tick();
    await tick();
    expect(fakes).toHaveLength(2);
    fakes[1]?.finish("again");
    await expect(next).resolves.toMatchObject({ text: "again" });
    await engine.close();
  });

  it("turns a failed recognition into Internal and a pool that cannot start into Unavailable", async () => {
    const fake = new FakeWorker();
    const engine = createTesseractJsEngine({ workers: 1, createWorker: async () => fake });
    const png = await blankPng();
    const failing = engine.recognize(png);
    await tick();
    fake.jobs.shift()?.reject("Error: bad image");
    await expect(failing).rejects.toMatchObject({ code: Code.Internal });
    await engine.close();

    const broken = createTesseractJsEngine({ workers: 2, createWorker: () => Promise.reject(new Error("no wasm")) });
    await expect(broken.recognize(png)).rejects.toMatchObject({ code: Code.Unavailable });
    await expect(broken.warmup()).rejects.toMatchObject({ code: Code.Unavailable });
  });

  it("fails jobs in flight and queued with Unavailable on close", async () => {
    const fake = new FakeWorker();
    const engine = createTesseractJsEngine({ workers: 1, createWorker: async () => fake });
    const png = await blankPng();
    const running = engine.recognize(png);
    const queued = engine.recognize(png);
    await tick();
    await engine.close();
    await expect(running).rejects.toMatchObject({ code: Code.Unavailable });
    await expect(queued).rejects.toMatchObject({ code: Code.Unavailable });
  });
});
