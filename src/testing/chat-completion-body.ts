import { createHash } from 'node:crypto';

/** A tool call as the chat completions API returns it. */
export interface ChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** The finish reasons of the chat completions API. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/** What a chat completion body is built from. */
export interface ChatCompletionInit {
  text?: string | null | undefined;
  toolCalls?: ChatToolCall[] | undefined;
  refusal?: string | null | undefined;
  finishReason: FinishReason;
  model: string;
  id: string;
  created: number;
  promptTokens: number;
  completionTokens: number;
}

/** `created` of every built body: fixed, so that built bodies are deterministic. */
export const BUILT_CREATED = 1_735_689_600;

/** A short stable hash, for ids derived from content. */
export function shortHash(value: string, length: number = 24): string {
  return createHash('sha256').update(value).digest('base64url').replace(/[-_]/g, 'x').slice(0, length);
}

/** The `usage` object of a completion, with the detail fields OpenAI sends. */
export function usageBody(promptTokens: number, completionTokens: number): Record<string, unknown> {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/**
 * Builds a non-streaming chat completion with the fields and key order of the corpus
 * (test/fixtures/openai-corpus 01-05): the same object `ScriptedModel` puts in `raw`.
 */
export function buildChatCompletion(init: ChatCompletionInit): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant', content: init.text ?? null };
  if (init.toolCalls && init.toolCalls.length > 0) {
    message['tool_calls'] = init.toolCalls;
  }
  message['refusal'] = init.refusal ?? null;
  message['annotations'] = [];
  return {
    id: init.id,
    object: 'chat.completion',
    created: init.created,
    model: init.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: init.finishReason }],
    usage: usageBody(init.promptTokens, init.completionTokens),
    service_tier: 'default',
    system_fingerprint: 'fp_spark0000',
  };
}
