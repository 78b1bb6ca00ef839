import { countTokens } from '../tokens/count-tokens.js';
import {
  BUILT_CREATED,
  buildChatCompletion,
  shortHash,
  type ChatToolCall,
  type ChoiceBodyInit,
  type FinishReason,
} from './chat-completion-body.js';
import { logprobsBody, type LogprobInit } from './logprobs-body.js';
import { successHeaders } from './openai-headers.js';
import type { HttpResponseData } from './http-response-data.js';

/** Options shared by every chat completion builder. */
export interface CompletionOptions {
  /** `model` of the body. @default "gpt-4o-mini-2024-07-18" */
  model?: string;
  /** `id` of the body. @default a stable id derived from the content */
  id?: string;
  /** `created` of the body (seconds). @default a fixed time, for deterministic bodies */
  created?: number;
  /** `usage.prompt_tokens`. @default 0 (the builder does not see the request) */
  promptTokens?: number;
  /** `usage.completion_tokens`. @default counted with the real tokenizer */
  completionTokens?: number;
  /** `usage.completion_tokens_details.reasoning_tokens`, as a reasoning model reports them. @default 0 */
  reasoningTokens?: number;
  /** `usage.prompt_tokens_details.cached_tokens`, the prompt tokens served from OpenAI's cache. @default 0 */
  cachedTokens?: number;
  /** `logprobs.content` of the reply: `true` for one made-up entry per word, or the entries. @default none */
  logprobs?: true | LogprobInit[];
  /** `message.reasoning_content`, as DeepSeek, vLLM and other OpenAI-compatible servers send it. @default none */
  reasoning?: string;
}

/** A tool call to put in a response; `arguments` may be an object or the raw JSON string. */
export interface ToolCallInit {
  name: string;
  arguments: Record<string, unknown> | string;
  /** @default a stable `call_…` id derived from the call and its position */
  id?: string;
}

/** The options of a text reply. */
export interface TextCompletionOptions extends CompletionOptions {
  text: string;
  /** @default "stop" */
  finishReason?: FinishReason;
}

/** One reply of a several-choice completion (`n` > 1): text, tool calls, or both. */
export interface ChoiceInit {
  text?: string;
  toolCalls?: ToolCallInit[];
  /** @default "tool_calls" with tool calls, else "stop" */
  finishReason?: FinishReason;
  /** `logprobs.content` of this reply: `true` for one made-up entry per word, or the entries. */
  logprobs?: true | LogprobInit[];
  /** `message.reasoning_content` of this reply. */
  reasoning?: string;
}

export const DEFAULT_BUILT_MODEL = 'gpt-4o-mini-2024-07-18';

/** Resolves tool calls to their wire shape, with stable ids. */
export function toChatToolCalls(calls: readonly ToolCallInit[]): ChatToolCall[] {
  return calls.map((call, index) => {
    const args = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
    return {
      id: call.id ?? `call_${shortHash(`${index}:${call.name}:${args}`)}`,
      type: 'function',
      function: { name: call.name, arguments: args },
    };
  });
}

/** A built choice, its wire fields resolved. */
export function toChoiceBody(choice: ChoiceInit): ChoiceBodyInit {
  const toolCalls = toChatToolCalls(choice.toolCalls ?? []);
  return {
    text: choice.text ?? (toolCalls.length > 0 ? null : ''),
    toolCalls,
    finishReason: choice.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    logprobs: choice.logprobs === undefined ? undefined : logprobsBody(choice.logprobs, choice.text ?? ''),
    reasoning: choice.reasoning,
  };
}

/** What a choice says, for ids and the default token count. */
export function spokenText(choice: ChoiceBodyInit): string {
  return [choice.text ?? '', ...(choice.toolCalls ?? []).map((c) => c.function.name + c.function.arguments)].join('');
}

function completion(choices: ChoiceBodyInit[], options: CompletionOptions): HttpResponseData {
  const spoken = choices.map(spokenText).join('');
  const id = options.id ?? `chatcmpl-${shortHash(spoken, 29)}`;
  const [first = toChoiceBody({}), ...more] = choices;
  const body = buildChatCompletion({
    ...first,
    moreChoices: more,
    model: options.model ?? DEFAULT_BUILT_MODEL,
    id,
    created: options.created ?? BUILT_CREATED,
    promptTokens: options.promptTokens ?? 0,
    completionTokens: options.completionTokens ?? countTokens(spoken),
    reasoningTokens: options.reasoningTokens,
    cachedTokens: options.cachedTokens,
  });
  return {
    status: 200,
    headers: successHeaders('application/json', `req_${shortHash(id, 32)}`),
    body: `${JSON.stringify(body, null, 2)}\n`,
  };
}

const replyOf = (options: CompletionOptions): Pick<ChoiceInit, 'logprobs' | 'reasoning'> => ({
  ...(options.logprobs === undefined ? {} : { logprobs: options.logprobs }),
  ...(options.reasoning === undefined ? {} : { reasoning: options.reasoning }),
});

/** A 200 chat completion with a text answer. */
export function buildTextCompletion(options: TextCompletionOptions): HttpResponseData {
  const finishReason = options.finishReason ?? 'stop';
  return completion([toChoiceBody({ text: options.text, finishReason, ...replyOf(options) })], options);
}

/** A 200 chat completion with tool calls (`finish_reason: "tool_calls"`), and text beside them when given. */
export function buildToolCallsCompletion(
  calls: readonly ToolCallInit[],
  options: CompletionOptions & { text?: string } = {},
): HttpResponseData {
  const text = options.text === undefined ? {} : { text: options.text };
  return completion([toChoiceBody({ ...text, toolCalls: [...calls], ...replyOf(options) })], options);
}

/** A 200 chat completion whose content is `value` as compact JSON (as JSON mode and structured outputs answer). */
export function buildJsonCompletion(value: unknown, options: CompletionOptions = {}): HttpResponseData {
  return completion([toChoiceBody({ text: JSON.stringify(value), ...replyOf(options) })], options);
}

/** A 200 chat completion with several replies (`n` > 1), one choice each, `index` 0, 1, ... */
export function buildChoicesCompletion(
  choices: readonly ChoiceInit[],
  options: CompletionOptions = {},
): HttpResponseData {
  return completion(
    choices.map((choice) => toChoiceBody(choice)),
    options,
  );
}
