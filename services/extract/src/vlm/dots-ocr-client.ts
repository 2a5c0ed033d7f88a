import { Code, ConnectError } from "@connectrpc/connect";
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { Agent, fetch as undiciFetch } from "undici";
import { type FailureContext, mapModelServerFailure, type ModelServerFailure } from "./model-server-error.js";

/**
 * dots.ocr's image placeholder, put in front of the prompt as the official
 * client does: without it vLLM prepends the placeholder plus a "\n" the
 * model was not trained on (model-serving.md §A4).
 */
export const DOTS_OCR_IMAGE_PLACEHOLDER = "<|img|><|imgpad|><|endofimg|>";

/** Sampling of the official client (dots_ocr/model/inference.py). */
const TEMPERATURE = 0.1;
const TOP_P = 0.9;
/** Extra room for the socket-level timeouts so the openai per-request timeout fires first, with a clear error. */
const SOCKET_TIMEOUT_MARGIN_MS = 5_000;

export interface DotsOcrClientOptions {
  /** The OpenAI-compatible base URL, e.g. "http://dots-ocr:8000/v1". */
  baseUrl: string;
  /** vLLM's --served-model-name. */
  model: string;
  /** vLLM's --api-key; "EMPTY" when unset (the client requires some key). */
  apiKey?: string;
  /** Per request; a page's generation can take minutes. */
  timeoutMs: number;
  maxCompletionTokens: number;
}

export interface DotsOcrCompletion {
  content: string;
  /** "stop", "length", ... ("" when the server gave none). */
  finishReason: string;
  promptTokens: number;
  completionTokens: number;
}

export interface DotsOcrClient {
  /** One page: the PNG in the model frame and the prompt text. Aborting the signal closes the HTTP request, which makes vLLM stop generating. */
  complete(input: { png: Buffer; prompt: string }, signal: AbortSignal): Promise<DotsOcrCompletion>;
  /** The served model ids (GET /models). */
  listModels(signal: AbortSignal, timeoutMs: number): Promise<string[]>;
  close(): Promise<void>;
}

/** The request body of one page, exactly as the official client builds it. */
export function dotsOcrRequestBody(model: string, png: Buffer, prompt: string, maxCompletionTokens: number) {
  return {
    model,
    messages: [
      {
        role: "user" as const,
        content: [
          { type: "image_url" as const, image_url: { url: `data:image/png;base64,${png.toString("base64")}` } },
          { type: "text" as const, text: DOTS_OCR_IMAGE_PLACEHOLDER + prompt },
        ],
      },
    ],
    temperature: TEMPERATURE,
    top_p: TOP_P,
    max_completion_tokens: maxCompletionTokens,
  } satisfies OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;
}

function readCompletion(response: unknown): DotsOcrCompletion {
  const choice = (response as OpenAI.Chat.ChatCompletion | undefined)?.choices?.[0];
  if (!choice || typeof choice !== "object") {
    throw new ConnectError("dots.ocr: malformed response from the model server (no choices)", Code.Internal);
  }
  const content = choice.message?.content;
  const usage = (response as OpenAI.Chat.ChatCompletion).usage;
  return {
    content: typeof content === "string" ? content : "",
    finishReason: typeof choice.finish_reason === "string" ? choice.finish_reason : "",
    promptTokens: usage?.prompt_tokens ?? 0,
    completionTokens: usage?.completion_tokens ?? 0,
  };
}

/** Describes whatever the openai client threw; a ConnectError (our own) passes through. */
function toConnectError(error: unknown, context: FailureContext): ConnectError {
  if (error instanceof ConnectError && !context.signal?.aborted) return error;
  let failure: ModelServerFailure;
  if (error instanceof APIUserAbortError) failure = { kind: "aborted" };
  else if (error instanceof APIConnectionTimeoutError) failure = { kind: "timeout" };
  else if (error instanceof APIConnectionError) failure = { kind: "connection", cause: error };
  else if (error instanceof APIError) failure = { kind: "status", status: error.status ?? 0, headers: error.headers, message: String(error.message) };
  else if (error instanceof SyntaxError) failure = { kind: "malformed" };
  else failure = { kind: "connection", cause: error };
  return mapModelServerFailure(failure, context);
}

/**
 * The only place that talks to the dots.ocr vLLM server. No SDK retries
 * (maxRetries 0): the caller owns deadlines and retry policy. Node's fetch
 * cuts responses after 5 minutes of header/body silence whatever the client
 * timeout (model-serving.md §C2), and a long page is silent until it is done,
 * so requests go through undici's own fetch with an Agent sized to the
 * timeout (fetch and Agent from the same undici, so the dispatcher API matches).
 */
export function createDotsOcrClient(options: DotsOcrClientOptions): DotsOcrClient {
  const agent = new Agent({
    headersTimeout: options.timeoutMs + SOCKET_TIMEOUT_MARGIN_MS,
    bodyTimeout: options.timeoutMs + SOCKET_TIMEOUT_MARGIN_MS,
  });
  const client = new OpenAI({
    baseURL: options.baseUrl,
    apiKey: options.apiKey || "EMPTY",
    maxRetries: 0,
    timeout: options.timeoutMs,
    fetch: undiciFetch as unknown as NonNullable<ConstructorParameters<typeof OpenAI>[0]>["fetch"],
    fetchOptions: { dispatcher: agent } as NonNullable<ConstructorParameters<typeof OpenAI>[0]>["fetchOptions"],
  });
  const what = "dots.ocr";
  const errorContext = { what, model: options.model, timeoutMs: options.timeoutMs };

  return {
    async complete(input, signal) {
      const body = dotsOcrRequestBody(options.model, input.png, input.prompt, options.maxCompletionTokens);
      try {
        const response = await client.chat.completions.create(body, { signal });
        return readCompletion(response);
      } catch (error) {
        throw toConnectError(error, { ...errorContext, signal });
      }
    },
    async listModels(signal, timeoutMs) {
      try {
        const page = await client.models.list({ signal, timeout: timeoutMs });
        return page.data.map((m) => m.id);
      } catch (error) {
        throw toConnectError(error, { ...errorContext, what: `${what} model list`, signal, timeoutMs });
      }
    },
    async close() {
      await agent.close();
    },
  };
}
