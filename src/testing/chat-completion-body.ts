import { createHash } from 'node:crypto';

/** A tool call as the chat completions API returns it. */
export interface ChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** The finish reasons of the chat completions API. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/** One `logprobs.content` entry, as the API sends it. */
export interface LogprobBody {
  token: string;
  logprob: number;
  bytes: number[];
  top_logprobs: { token: string; logprob: number; bytes: number[] }[];
}

/** What one choice of a chat completion body is built from. */
export interface ChoiceBodyInit {
  text?: string | null | undefined;
  toolCalls?: ChatToolCall[] | undefined;
  refusal?: string | null | undefined;
  finishReason: FinishReason;
  /** `logprobs.content`; the choice's `logprobs` is null without it. */
  logprobs?: LogprobBody[] | undefined;
  /** `message.reasoning_content`, as DeepSeek, vLLM and other OpenAI-compatible servers send it. */
  reasoning?: string | undefined;
}

/** What a chat completion body is built from. */
export interface ChatCompletionInit extends ChoiceBodyInit {
  model: string;
  id: string;
  created: number;
  promptTokens: number;
  completionTokens: number;
  /** `usage.completion_tokens_details.reasoning_tokens`. @default 0 */
  reasoningTokens?: number | undefined;
  /** `usage.prompt_tokens_details.cached_tokens`. @default 0 */
  cachedTokens?: number | undefined;
  /** The choices after the first (`n` > 1), with `index` 1, 2, ... */
  moreChoices?: ChoiceBodyInit[] | undefined;
}

/** `created` of every built body: fixed, so that built bodies are deterministic. */
export const BUILT_CREATED = 1_735_689_600;

/** A short stable hash, for ids derived from content. */
export function shortHash(value: string, length: number = 24): string {
  return createHash('sha256').update(value).digest('base64url').replace(/[-_]/g, 'x').slice(0, length);
}

/** The `usage` object of a completion, with the detail fields OpenAI sends. */
export function usageBody(
  promptTokens: number,
  completionTokens: number,
  details: { reasoningTokens?: number | undefined; cachedTokens?: number | undefined } = {},
): Record<string, unknown> {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: details.cachedTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: details.reasoningTokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** One choice of a body, with the fields and key order of the corpus. */
export function choiceBody(init: ChoiceBodyInit, index: number): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant', content: init.text ?? null };
  if (init.toolCalls && init.toolCalls.length > 0) {
    message['tool_calls'] = init.toolCalls;
  }
  message['refusal'] = init.refusal ?? null;
  if (init.reasoning !== undefined) {
    message['reasoning_content'] = init.reasoning;
  }
  message['annotations'] = [];
  return {
    index,
    message,
    logprobs: init.logprobs ? { content: init.logprobs, refusal: null } : null,
    finish_reason: init.finishReason,
  };
}

/**
 * Builds a non-streaming chat completion with the fields and key order of the corpus
 * (test/fixtures/openai-corpus 01-05): the same object `ScriptedModel` puts in `raw`.
 */
export function buildChatCompletion(init: ChatCompletionInit): Record<string, unknown> {
  return {
    id: init.id,
    object: 'chat.completion',
    created: init.created,
    model: init.model,
    choices: [init, ...(init.moreChoices ?? [])].map((choice, index) => choiceBody(choice, index)),
    usage: usageBody(init.promptTokens, init.completionTokens, init),
    service_tier: 'default',
    system_fingerprint: 'fp_spark0000',
  };
}
