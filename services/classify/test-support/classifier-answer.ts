import type { FakeResponseSpec } from "../../extract/test-support/fake-openai-server.js";

/** One alternative of the first generated token. */
export interface FirstTokenLogprob {
  token: string;
  logprob: number;
}

/**
 * A chat completion answering `content` for the shared fake OpenAI server
 * (services/extract/test-support/fake-openai-server.ts), optionally with the
 * first position's log-probabilities in the OpenAI shape vLLM returns: the
 * generated token is the most likely alternative, as under greedy decoding.
 */
export function classifierAnswer(content: string, firstTokenLogprobs?: readonly FirstTokenLogprob[]): FakeResponseSpec {
  const sorted = firstTokenLogprobs ? [...firstTokenLogprobs].sort((a, b) => b.logprob - a.logprob) : [];
  const first = sorted[0];
  const logprobs = first
    ? { content: [{ token: first.token, logprob: first.logprob, bytes: null, top_logprobs: sorted.map((entry) => ({ ...entry, bytes: null })) }] }
    : null;
  return { kind: "completion", content, extra: { logprobs } };
}
