import type { EngineMetrics } from "./metrics.js";
import { withSpan } from "./tracing.js";

/** The part of an OCR engine (@docproc/ocr's OcrEngine) that is timed. */
export interface Recognizer<R> {
  recognize(png: Buffer, signal?: AbortSignal, ...options: never[]): Promise<R>;
}

/**
 * The same OCR engine with every recognize() timed into
 * docproc_ocr_duration_seconds and wrapped in an "ocr page" span. main.ts
 * wraps the engine it creates, so the OCR package needs no metrics code.
 * A Proxy (not a copy) so getters and methods keep their own `this`.
 */
export function observeOcr<R, E extends Recognizer<R>>(engine: E, metrics: Pick<EngineMetrics, "observeOcrSeconds">): E {
  // Extra arguments (per-page options such as the page segmentation mode) pass through untouched.
  const recognize = (png: Buffer, signal?: AbortSignal, ...options: never[]): Promise<R> =>
    withSpan("ocr page", { "docproc.png_bytes": png.length }, async () => {
      const startedAt = performance.now();
      try {
        return await engine.recognize(png, signal, ...options);
      } finally {
        metrics.observeOcrSeconds((performance.now() - startedAt) / 1000);
      }
    });
  return new Proxy(engine, {
    get(target, property) {
      if (property === "recognize") return recognize;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
