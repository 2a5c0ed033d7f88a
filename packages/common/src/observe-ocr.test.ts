import { describe, expect, it } from "vitest";
import { createMetrics } from "./metrics.js";
import { observeOcr } from "./observe-ocr.js";

class FakeOcr {
  readonly id = "fake-ocr";
  #calls = 0;
  get calls(): number {
    return this.#calls;
  }
  async recognize(png: Buffer): Promise<string> {
    this.#calls += 1;
    if (png.length === 0) throw new Error("empty");
    return `read ${png.length} bytes`;
  }
  async close(): Promise<string> {
    return `closed after ${this.#calls}`;
  }
}

describe("observeOcr", () => {
  it("times every recognition, failed ones too, and keeps the rest of the engine as it is", async () => {
    const metrics = createMetrics("extract");
    const ocr = observeOcr(new FakeOcr(), metrics);
    expect(await ocr.recognize(Buffer.from("abc"))).toBe("read 3 bytes");
    await expect(ocr.recognize(Buffer.alloc(0))).rejects.toThrow("empty");
    expect(ocr.id).toBe("fake-ocr");
    expect(ocr.calls).toBe(2);
    expect(await ocr.close()).toBe("closed after 2");
    expect(await metrics.render()).toContain('docproc_ocr_duration_seconds_count{service="extract"} 2');
  });
});

describe("observeOcr options", () => {
  it("passes per-page options through to the engine", async () => {
    const seen: unknown[] = [];
    const engine = {
      async recognize(_png: Buffer, _signal?: AbortSignal, options?: { segmentation: string }): Promise<string> {
        seen.push(options);
        return "ok";
      },
    };
    const ocr = observeOcr(engine, createMetrics("extract"));
    await ocr.recognize(Buffer.from("x"), undefined, { segmentation: "sparse-text" });
    expect(seen).toEqual([{ segmentation: "sparse-text" }]);
  });
});
