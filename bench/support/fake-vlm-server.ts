import { setTimeout as delay } from "node:timers/promises";
import { type FakeOpenAiServer, type FakeResponseSpec, startFakeOpenAiServer } from "../../services/extract/test-support/fake-openai-server.js";
import { type CapacityGate, createCapacityGate } from "./capacity-gate.js";

/**
 * A small dots.ocr layout answer (prompt_layout_all_en format): valid JSON,
 * boxes inside any page of at least 400 x 220 model-frame pixels.
 */
export const SMALL_DOTS_LAYOUT = JSON.stringify([
  { bbox: [20, 20, 300, 60], category: "Title", text: "# INVOICE" },
  { bbox: [20, 80, 380, 140], category: "Text", text: "Invoice No. 10023\nInvoice Date: 01/31/2024" },
  { bbox: [20, 160, 380, 200], category: "Text", text: "Total Due: $125.00" },
]);

export interface FakeVlmServerOptions {
  /** The served model name of the classifier (Qwen2.5-VL stand-in). */
  classifyModel: string;
  /** The served model name of dots.ocr. */
  extractModel: string;
  /** Time each request spends "in the model", once admitted. */
  latencyMs: number;
  /** Requests in the model at once; more wait in a queue inside the fake (<= 0: unlimited). */
  capacity: number;
  /** The dots.ocr answer; default SMALL_DOTS_LAYOUT. */
  dotsContent?: string;
}

export interface FakeVlmServer {
  /** Base URL ending in /v1, for *_VLM_BASE_URL. */
  readonly url: string;
  readonly gate: CapacityGate;
  /** Chat completions answered, per model name ("unknown" for others). */
  readonly answered: Readonly<Record<string, number>>;
  close(): Promise<void>;
}

interface ChatBody {
  model?: unknown;
  structured_outputs?: { choice?: unknown };
}

/**
 * A constrained-choice answer as vLLM gives it: one label of the request's
 * structured_outputs.choice list, with first-token logprobs (the label at
 * p=0.9, the next label at p=0.1) so the classifier reports a confidence.
 * Labels rotate so the load covers every class.
 */
function classifierAnswer(body: ChatBody, turn: number): FakeResponseSpec {
  const raw = body.structured_outputs?.choice;
  const choices = Array.isArray(raw) ? raw.filter((c): c is string => typeof c === "string") : [];
  if (choices.length === 0) return { kind: "json", status: 400, body: { error: { message: "no structured_outputs.choice", type: "BadRequestError" } } };
  const label = choices[turn % choices.length] as string;
  const runnerUp = choices[(turn + 1) % choices.length] as string;
  const top = [
    { token: label, logprob: Math.log(0.9), bytes: null },
    { token: runnerUp, logprob: Math.log(0.1), bytes: null },
  ];
  return {
    kind: "completion",
    content: label,
    extra: { logprobs: { content: [{ token: label, logprob: Math.log(0.9), bytes: null, top_logprobs: top }] } },
  };
}

/**
 * An OpenAI-compatible fake serving both models of the VLM engines (the
 * shared test fake from services/extract/test-support underneath), telling
 * the two apart by the request's `model`: a fixed latency per request
 * behind a capacity gate, like a model server with a bounded batch.
 */
export async function startFakeVlmServer(options: FakeVlmServerOptions): Promise<FakeVlmServer> {
  const gate = createCapacityGate(options.capacity);
  const answered: Record<string, number> = {};
  let turn = 0;
  const server: FakeOpenAiServer = await startFakeOpenAiServer({
    models: [options.classifyModel, options.extractModel],
    handler: async (rawBody) => {
      const body = (rawBody ?? {}) as ChatBody;
      const model = typeof body.model === "string" ? body.model : "";
      await gate.run(() => delay(options.latencyMs));
      const known = model === options.classifyModel || model === options.extractModel;
      const key = known ? model : "unknown";
      answered[key] = (answered[key] ?? 0) + 1;
      if (model === options.classifyModel) return classifierAnswer(body, turn++);
      if (model === options.extractModel) return { kind: "completion", content: options.dotsContent ?? SMALL_DOTS_LAYOUT };
      return { kind: "json", status: 404, body: { error: { message: "model not found", type: "NotFoundError" } } };
    },
  });
  // The shared fake records every request body (page images included); the
  // benchmark never reads them, so they are dropped every second to keep the
  // bench process's own memory flat under load.
  const sweeper = setInterval(() => server.reset(), 1_000);
  sweeper.unref();
  return {
    url: server.url,
    gate,
    answered,
    async close() {
      clearInterval(sweeper);
      await server.close();
    },
  };
}
