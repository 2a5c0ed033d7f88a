import { probeTesseractCli } from "./probe-tesseract-cli.js";
import { createTesseractCliEngine } from "./tesseract-cli-engine.js";
import { createTesseractJsEngine } from "./tesseract-js-engine.js";
import type { OcrEngine, OcrEngineOptions } from "./types.js";

/**
 * The CPU OCR engine: the native `tesseract` CLI when it is on PATH and has English data
 * (unless preferNative is false), otherwise the embedded tesseract.js pool. Neither touches
 * the network. Call warmup() at service start.
 */
export async function createOcrEngine(options: OcrEngineOptions): Promise<OcrEngine> {
  const workers = Math.max(1, Math.floor(options.workers));
  if (options.preferNative ?? true) {
    const binary = options.tesseractBinary ?? "tesseract";
    // The child inherits this process's environment (PATH, TESSDATA_PREFIX); it is not config.
    const env = process.env;
    const probe = await probeTesseractCli(binary, env);
    if (probe) {
      options.logger?.info({ engine: "tesseract-cli", version: probe.version, workers }, "CPU OCR engine selected");
      return createTesseractCliEngine({ binary, version: probe.version, workers, env, logger: options.logger });
    }
  }
  const engine = createTesseractJsEngine({ workers, logger: options.logger });
  options.logger?.info({ engine: engine.id, workers }, "CPU OCR engine selected");
  return engine;
}
