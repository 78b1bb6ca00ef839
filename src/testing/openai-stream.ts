import { countTokens } from '../tokens/count-tokens.js';
import { BUILT_CREATED, shortHash, usageBody, type FinishReason } from './chat-completion-body.js';
import {
  DEFAULT_BUILT_MODEL,
  toChatToolCalls,
  type CompletionOptions,
  type ToolCallInit,
} from './openai-completions.js';
import { successHeaders } from './openai-headers.js';
import type { HttpResponseData } from './http-response-data.js';

/** What a streamed reply holds: text, tool calls, or both. */
export interface StreamOptions extends CompletionOptions {
  text?: string;
  /** The text as explicit pieces, one per event. @default the text split before each word */
  chunks?: string[];
  toolCalls?: ToolCallInit[];
  /** Adds `usage: null` to each chunk and a final usage chunk, as `stream_options.include_usage`. @default true */
  includeUsage?: boolean;
  /** @default "tool_calls" with tool calls, else "stop" */
  finishReason?: FinishReason;
}

/** Splits text the way the API streams it: each piece starts with its leading space. */
export function splitForStream(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** Splits tool-call arguments into the short pieces a stream carries (8 characters each). */
export function splitArguments(json: string): string[] {
  return json.match(/[\s\S]{1,8}/g) ?? [];
}

/**
 * An SSE body as chat/completions streams it (corpus 06-10): `data: {chunk}` events, a
 * finish chunk, an optional usage chunk, then `data: [DONE]`.
 */
export function buildStream(options: StreamOptions): HttpResponseData {
  const { text, includeUsage = true } = options;
  const calls = toChatToolCalls(options.toolCalls ?? []);
  const pieces = options.chunks ?? splitForStream(text ?? '');
  const spoken = [text ?? pieces.join(''), ...calls.map((c) => c.function.name + c.function.arguments)].join('');
  const id = options.id ?? `chatcmpl-${shortHash(spoken, 29)}`;
  const base = {
    id,
    object: 'chat.completion.chunk',
    created: options.created ?? BUILT_CREATED,
    model: options.model ?? DEFAULT_BUILT_MODEL,
    service_tier: 'default',
    system_fingerprint: 'fp_spark0000',
  };
  const chunk = (
    delta: Record<string, unknown>,
    finishReason: FinishReason | null = null,
  ): Record<string, unknown> => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(includeUsage ? { usage: null } : {}),
  });
  const opening = (index: number): Record<string, unknown>[] => {
    const call = calls[index];
    return call
      ? [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }]
      : [];
  };
  // As corpus 08: a reply that opens with a tool call names it in the role chunk itself.
  const toolFirst = pieces.length === 0 && calls.length > 0;
  const events: Record<string, unknown>[] = [
    chunk(
      toolFirst
        ? { role: 'assistant', content: null, tool_calls: opening(0), refusal: null }
        : { role: 'assistant', content: '', refusal: null },
    ),
  ];
  events.push(...pieces.map((piece) => chunk({ content: piece })));
  calls.forEach((call, index) => {
    if (index > 0 || !toolFirst) {
      events.push(chunk({ tool_calls: opening(index) }));
    }
    events.push(
      ...splitArguments(call.function.arguments).map((args) =>
        chunk({ tool_calls: [{ index, function: { arguments: args } }] }),
      ),
    );
  });
  events.push(chunk({}, options.finishReason ?? (calls.length > 0 ? 'tool_calls' : 'stop')));
  if (includeUsage) {
    events.push({
      ...base,
      choices: [],
      usage: usageBody(options.promptTokens ?? 0, options.completionTokens ?? countTokens(spoken)),
    });
  }
  const body = [...events.map((event) => JSON.stringify(event)), '[DONE]'].map((data) => `data: ${data}\n\n`).join('');
  return { status: 200, headers: successHeaders('text/event-stream; charset=utf-8', `req_${shortHash(id, 32)}`), body };
}
