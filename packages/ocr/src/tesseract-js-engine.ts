import { Code, ConnectError } from "@connectrpc/connect";
import type { Logger } from "@docproc/common";
import type Tesseract from "tesseract.js";
import { abortError } from "@docproc/common";
import { blankPng } from "./blank-png.js";
import { createTesseractJsWorker, tesseractJsMajorVersion, workerThreadOf } from "./create-tesseract-js-worker.js";
import { pageFromTesseractJs } from "./page-from-tesseract-js.js";
import { readPngSize } from "./read-png-size.js";
import { tesseractPsm } from "./tesseract-psm.js";
import type { OcrEngine, OcrPage, RecognizeOptions } from "./types.js";

/**
 * The part of a tesseract.js worker the pool uses. A new worker is expected in single-column
 * mode (PSM 4, as createTesseractJsWorker leaves it); the pool switches the mode per job.
 */
export interface PoolWorker {
  recognize(image: Buffer, options: object, output: Partial<Tesseract.OutputFormats>): Promise<{ data: Tesseract.Page }>;
  setParameters(params: Partial<Tesseract.WorkerParams>): Promise<unknown>;
  terminate(): Promise<unknown>;
}

export interface TesseractJsEngineOptions {
  workers: number;
  logger?: Logger;
  /** Starts one worker; defaults to a real tesseract.js worker (tests pass fakes). */
  createWorker?: (onJobError: (message: string) => void) => Promise<PoolWorker>;
}

interface Job {
  png: Buffer;
  /** tessedit_pageseg_mode for this page. */
  psm: string;
  width: number;
  height: number;
  done: boolean;
  resolve(page: OcrPage): void;
  reject(error: unknown): void;
}

interface Slot {
  worker?: PoolWorker;
  /** The worker's current tessedit_pageseg_mode. */
  psm: string;
  job?: Job;
  starting?: Promise<void>;
  respawns: number;
}

/** A crashed worker thread is replaced this many times per slot before the slot gives up. */
const MAX_RESPAWNS = 3;
/** v7 returns only text unless asked; blocks carry the word and line boxes. */
const OUTPUT: Partial<Tesseract.OutputFormats> = { text: false, blocks: true };
const DEFAULT_PSM = tesseractPsm(undefined);

/**
 * A pool of tesseract.js workers (one worker thread each, single-threaded WASM).
 * Hand-written instead of tesseract.js createScheduler because the scheduler cannot drop a
 * queued job whose caller has gone away, and a job on a worker thread that dies never
 * settles there; here queued jobs are dropped on abort and a crashed worker's job fails
 * and the worker is replaced.
 */
export function createTesseractJsEngine(options: TesseractJsEngineOptions): OcrEngine {
  const size = Math.max(1, Math.floor(options.workers));
  const createWorker = options.createWorker ?? createTesseractJsWorker;
  const log = options.logger;
  const slots: Slot[] = Array.from({ length: size }, () => ({ respawns: 0, psm: DEFAULT_PSM }));
  const queue: Job[] = [];
  let started: Promise<void> | undefined;
  let closed = false;

  function settle(job: Job, outcome: () => void): void {
    if (job.done) return;
    job.done = true;
    outcome();
  }

  function failAll(jobs: Iterable<Job>, error: ConnectError): void {
    for (const job of jobs) settle(job, () => job.reject(error));
  }

  function failQueueIfNoWorkers(): void {
    if (slots.some((s) => s.worker !== undefined || s.starting !== undefined)) return;
    failAll(queue.splice(0), new ConnectError("no OCR worker is running", Code.Unavailable));
  }

  function spawn(slot: Slot): Promise<void> {
    const starting = createWorker((message) => log?.warn({ err: message }, "tesseract.js job failed"))
      .then((worker) => {
        if (closed) {
          void worker.terminate().catch(() => {});
          return;
        }
        const thread = workerThreadOf(worker);
        thread?.on("error", (error: unknown) => onCrash(slot, worker, error));
        thread?.on("exit", (code: unknown) => onCrash(slot, worker, new Error(`worker exited with code ${String(code)}`)));
        slot.worker = worker;
        slot.psm = DEFAULT_PSM;
      })
      .catch((error: unknown) => {
        log?.error({ err: error }, "tesseract.js worker failed to start");
      })
      .finally(() => {
        slot.starting = undefined;
        failQueueIfNoWorkers();
        pump();
      });
    slot.starting = starting;
    return starting;
  }

  function onCrash(slot: Slot, worker: PoolWorker, error: unknown): void {
    if (slot.worker !== worker || closed) return;
    log?.error({ err: error }, "tesseract.js worker thread stopped");
    slot.worker = undefined;
    const job = slot.job;
    slot.job = undefined;
    if (job) settle(job, () => job.reject(new ConnectError("OCR worker stopped unexpectedly", Code.Internal)));
    void worker.terminate().catch(() => {});
    if (slot.respawns < MAX_RESPAWNS) {
      slot.respawns += 1;
      void spawn(slot);
    } else {
      failQueueIfNoWorkers();
    }
  }

  function start(): Promise<void> {
    started ??= Promise.all(slots.map(spawn)).then(() => undefined);
    return started;
  }

  function pump(): void {
    for (const slot of slots) {
      if (!slot.worker || slot.job) continue;
      let job = queue.shift();
      while (job?.done) job = queue.shift();
      if (!job) return;
      run(slot, slot.worker, job);
    }
  }

  /** Switches the worker's page segmentation when the job needs another one (a parameter job on the worker). */
  async function recognizeOn(slot: Slot, worker: PoolWorker, job: Job): Promise<{ data: Tesseract.Page }> {
    if (slot.psm !== job.psm) {
      // Marked unknown first: a failed switch must not leave the slot believing the old mode.
      slot.psm = "";
      await worker.setParameters({ tessedit_pageseg_mode: job.psm as Tesseract.PSM });
      if (slot.worker === worker) slot.psm = job.psm; // else the worker crashed and was replaced meanwhile
    }
    return worker.recognize(job.png, {}, OUTPUT);
  }

  function run(slot: Slot, worker: PoolWorker, job: Job): void {
    slot.job = job;
    recognizeOn(slot, worker, job).then(
      (result) => {
        if (slot.job !== job) return; // crashed meanwhile; already failed
        slot.job = undefined;
        settle(job, () => job.resolve(pageFromTesseractJs(result.data, job.width, job.height)));
        pump();
      },
      (error: unknown) => {
        if (slot.job !== job) return;
        slot.job = undefined;
        log?.warn({ err: String(error) }, "tesseract.js recognition failed");
        settle(job, () => job.reject(new ConnectError("OCR failed on the page image", Code.Internal)));
        pump();
      },
    );
  }

  async function recognize(png: Buffer, signal?: AbortSignal, options?: RecognizeOptions): Promise<OcrPage> {
    if (closed) throw new ConnectError("OCR engine is closed", Code.Unavailable);
    const { width, height } = readPngSize(png);
    if (signal?.aborted) throw abortError(signal, "OCR");
    void start();
    return new Promise<OcrPage>((resolve, reject) => {
      const onAbort = (): void => {
        settle(job, () => reject(abortError(signal as AbortSignal, "OCR")));
        const queued = queue.indexOf(job);
        if (queued >= 0) queue.splice(queued, 1);
      };
      const job: Job = {
        png,
        psm: tesseractPsm(options?.segmentation),
        width,
        height,
        done: false,
        resolve: (page) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(page);
        },
        reject: (error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      queue.push(job);
      pump();
      failQueueIfNoWorkers();
    });
  }

  return {
    id: `tesseract.js-${tesseractJsMajorVersion()}`,
    workers: size,
    recognize,
    async warmup() {
      await start();
      // A retry after a failed start: bring up the slots that have no worker.
      await Promise.all(slots.filter((s) => !s.worker && !s.starting && !closed).map(spawn));
      const png = await blankPng();
      await Promise.all(slots.map(() => recognize(png)));
    },
    async close() {
      closed = true;
      const error = new ConnectError("OCR engine is closed", Code.Unavailable);
      failAll(queue.splice(0), error);
      failAll(slots.flatMap((s) => (s.job ? [s.job] : [])), error);
      await Promise.allSettled(slots.map((s) => s.starting));
      await Promise.allSettled(slots.map((s) => s.worker?.terminate()));
      for (const slot of slots) {
        slot.worker = undefined;
        slot.job = undefined;
      }
    },
  };
}
