import { access } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { EventEmitter } from "node:events";
import { Code, ConnectError } from "@connectrpc/connect";
import Tesseract from "tesseract.js";

const require = createRequire(import.meta.url);

/**
 * The LSTM-only "best_int" English model shipped inside @tesseract.js-data/eng. A local
 * langPath is what keeps tesseract.js off its CDN: without it the worker fetches from
 * jsDelivr, and offline that fetch failure is thrown inside the worker thread and kills
 * the process.
 */
export function engLangPath(): string {
  return join(dirname(require.resolve("@tesseract.js-data/eng/package.json")), "4.0.0_best_int");
}

/** tesseract.js 7 version, for the engine id ("tesseract.js-7"). */
export function tesseractJsMajorVersion(): string {
  const pkg = require("tesseract.js/package.json") as { version: string };
  return pkg.version.split(".")[0] ?? pkg.version;
}

/** The worker_threads Worker behind a tesseract.js worker (not in its typings). */
export function workerThreadOf(worker: object): EventEmitter | undefined {
  return (worker as unknown as { worker?: EventEmitter }).worker;
}

/**
 * One initialised tesseract.js worker: eng best_int, OEM LSTM_ONLY, PSM 4 (single column of
 * variable-size text; PSM 3 cuts receipt price columns and the library default PSM 6 drops
 * white-on-colour table headers). `onJobError` receives failed-job messages: without an
 * errorHandler tesseract.js rethrows them inside a message listener, which is an uncaught
 * exception in the main thread.
 */
export async function createTesseractJsWorker(onJobError: (message: string) => void): Promise<Tesseract.Worker> {
  const langPath = engLangPath();
  try {
    await access(join(langPath, "eng.traineddata.gz"));
  } catch {
    throw new ConnectError("OCR language data @tesseract.js-data/eng is not installed", Code.FailedPrecondition);
  }
  // tesseract.js never settles createWorker when loading the language fails (it swallows
  // the rejection), so creation failures are caught through errorHandler instead.
  let creating = true;
  let rejectCreation: (error: Error) => void = () => {};
  const creationFailed = new Promise<never>((_, reject) => {
    rejectCreation = reject;
  });
  creationFailed.catch(() => {});
  const errorHandler = (data: unknown): void => {
    const message = typeof data === "string" ? data : String(data);
    if (creating) rejectCreation(new Error(message));
    else onJobError(message);
  };
  const worker = await Promise.race([
    Tesseract.createWorker("eng", Tesseract.OEM.LSTM_ONLY, {
      langPath,
      cacheMethod: "none", // the default writes eng.traineddata into the current directory
      gzip: true,
      logger: () => {},
      errorHandler,
    }),
    creationFailed,
  ]);
  creating = false;
  await worker.setParameters({
    tessedit_pageseg_mode: Tesseract.PSM.SINGLE_COLUMN,
    // Tesseract prints "Estimating resolution as N" through tprintf; send it nowhere.
    debug_file: "/dev/null",
  });
  return worker;
}
