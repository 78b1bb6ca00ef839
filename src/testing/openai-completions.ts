import { countTokens } from '../tokens/count-tokens.js';
import {
  BUILT_CREATED,
  buildChatCompletion,
  shortHash,
  type ChatToolCall,
  type FinishReason,
} from './chat-completion-body.js';
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

function completion(
  content: { text: string | null; toolCalls?: ChatToolCall[]; finishReason: FinishReason },
  options: CompletionOptions,
): HttpResponseData {
  const spoken = [
    content.text ?? '',
    ...(content.toolCalls ?? []).map((c) => c.function.name + c.function.arguments),
  ].join('');
  const id = options.id ?? `chatcmpl-${shortHash(spoken, 29)}`;
  const body = buildChatCompletion({
    text: content.text,
    toolCalls: content.toolCalls,
    finishReason: content.finishReason,
    model: options.model ?? DEFAULT_BUILT_MODEL,
    id,
    created: options.created ?? BUILT_CREATED,
    promptTokens: options.promptTokens ?? 0,
    completionTokens: options.completionTokens ?? countTokens(spoken),
  });
  return {
    status: 200,
    headers: successHeaders('application/json', `req_${shortHash(id, 32)}`),
    body: `${JSON.stringify(body, null, 2)}\n`,
  };
}

/** A 200 chat completion with a text answer. */
export function buildTextCompletion(options: TextCompletionOptions): HttpResponseData {
  return completion({ text: options.text, finishReason: options.finishReason ?? 'stop' }, options);
}

/** A 200 chat completion with tool calls (`finish_reason: "tool_calls"`), and text beside them when given. */
export function buildToolCallsCompletion(
  calls: readonly ToolCallInit[],
  options: CompletionOptions & { text?: string } = {},
): HttpResponseData {
  return completion(
    { text: options.text ?? null, toolCalls: toChatToolCalls(calls), finishReason: 'tool_calls' },
    options,
  );
}

/** A 200 chat completion whose content is `value` as compact JSON (as JSON mode and structured outputs answer). */
export function buildJsonCompletion(value: unknown, options: CompletionOptions = {}): HttpResponseData {
  return completion({ text: JSON.stringify(value), finishReason: 'stop' }, options);
}
