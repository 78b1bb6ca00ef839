import { countTokens } from '../tokens/count-tokens.js';
import { BUILT_CREATED, shortHash, usageBody, type FinishReason, type LogprobBody } from './chat-completion-body.js';
import { logprobsBody } from './logprobs-body.js';
import {
  DEFAULT_BUILT_MODEL,
  toChatToolCalls,
  type ChoiceInit,
  type CompletionOptions,
  type ToolCallInit,
} from './openai-completions.js';
import { successHeaders } from './openai-headers.js';
import type { HttpResponseData } from './http-response-data.js';
import { splitArguments, splitForStream } from './split-text.js';

/** What a streamed reply holds: text, tool calls, or both; or several replies (`choices`). */
export interface StreamOptions extends CompletionOptions {
  text?: string;
  /** The text as explicit pieces, one per event. @default the text split before each word */
  chunks?: string[];
  toolCalls?: ToolCallInit[];
  /** Adds `usage: null` to each chunk and a final usage chunk, as `stream_options.include_usage`. @default true */
  includeUsage?: boolean;
  /** @default "tool_calls" with tool calls, else "stop" */
  finishReason?: FinishReason;
  /** Several replies (`n` > 1), streamed one after another with `index` 0, 1, ...: instead of `text` and `toolCalls`. */
  choices?: ChoiceInit[];
}

type Chunk = (
  index: number,
  delta: Record<string, unknown>,
  extra?: Record<string, unknown>,
) => Record<string, unknown>;

/**
 * An SSE body as chat/completions streams it (corpus 06-10): `data: {chunk}` events, a
 * finish chunk per choice, an optional usage chunk, then `data: [DONE]`.
 */
export function buildStream(options: StreamOptions): HttpResponseData {
  const { includeUsage = true } = options;
  const replies: ChoiceInit[] = options.choices ?? [
    {
      ...(options.text === undefined ? {} : { text: options.text }),
      ...(options.toolCalls === undefined ? {} : { toolCalls: options.toolCalls }),
      ...(options.finishReason === undefined ? {} : { finishReason: options.finishReason }),
      ...(options.logprobs === undefined ? {} : { logprobs: options.logprobs }),
      ...(options.reasoning === undefined ? {} : { reasoning: options.reasoning }),
    },
  ];
  const pieces = replies.map((reply, index) =>
    index === 0 && options.chunks && !options.choices ? options.chunks : splitForStream(reply.text ?? ''),
  );
  const spoken = replies
    .map((reply, index) =>
      [
        reply.text ?? pieces[index]?.join('') ?? '',
        ...toChatToolCalls(reply.toolCalls ?? []).map((c) => c.function.name + c.function.arguments),
      ].join(''),
    )
    .join('');
  const id = options.id ?? `chatcmpl-${shortHash(spoken, 29)}`;
  const base = {
    id,
    object: 'chat.completion.chunk',
    created: options.created ?? BUILT_CREATED,
    model: options.model ?? DEFAULT_BUILT_MODEL,
    service_tier: 'default',
    system_fingerprint: 'fp_spark0000',
  };
  const chunk: Chunk = (index, delta, extra = {}) => ({
    ...base,
    choices: [{ index, delta, logprobs: null, finish_reason: null, ...extra }],
    ...(includeUsage ? { usage: null } : {}),
  });
  const events = replies.flatMap((reply, index) => choiceEvents(reply, pieces[index] ?? [], index, chunk));
  if (includeUsage) {
    events.push({
      ...base,
      choices: [],
      usage: usageBody(options.promptTokens ?? 0, options.completionTokens ?? countTokens(spoken), options),
    });
  }
  const body = [...events.map((event) => JSON.stringify(event)), '[DONE]'].map((data) => `data: ${data}\n\n`).join('');
  return { status: 200, headers: successHeaders('text/event-stream; charset=utf-8', `req_${shortHash(id, 32)}`), body };
}

function choiceEvents(reply: ChoiceInit, pieces: string[], index: number, chunk: Chunk): Record<string, unknown>[] {
  const calls = toChatToolCalls(reply.toolCalls ?? []);
  const logprobs = reply.logprobs === undefined ? undefined : logprobsBody(reply.logprobs, pieces.join(''));
  const opening = (call: number): Record<string, unknown>[] => {
    const found = calls[call];
    return found
      ? [{ index: call, id: found.id, type: 'function', function: { name: found.function.name, arguments: '' } }]
      : [];
  };
  // As corpus 08: a reply that opens with a tool call names it in the role chunk itself.
  const toolFirst = pieces.length === 0 && calls.length > 0;
  const events: Record<string, unknown>[] = [
    chunk(
      index,
      toolFirst
        ? { role: 'assistant', content: null, tool_calls: opening(0), refusal: null }
        : { role: 'assistant', content: '', refusal: null },
    ),
  ];
  if (reply.reasoning !== undefined) {
    events.push(...splitForStream(reply.reasoning).map((piece) => chunk(index, { reasoning_content: piece })));
  }
  events.push(
    ...pieces.map((piece, p) =>
      chunk(
        index,
        { content: piece },
        logprobs ? { logprobs: { content: piecesLogprobs(logprobs, p, pieces.length), refusal: null } } : {},
      ),
    ),
  );
  calls.forEach((call, c) => {
    if (c > 0 || !toolFirst) {
      events.push(chunk(index, { tool_calls: opening(c) }));
    }
    events.push(
      ...splitArguments(call.function.arguments).map((args) =>
        chunk(index, { tool_calls: [{ index: c, function: { arguments: args } }] }),
      ),
    );
  });
  events.push(chunk(index, {}, { finish_reason: reply.finishReason ?? (calls.length > 0 ? 'tool_calls' : 'stop') }));
  return events;
}

// Entry p rides on piece p; entries beyond the last piece ride on the last one.
function piecesLogprobs(entries: LogprobBody[], piece: number, count: number): LogprobBody[] {
  return piece === count - 1 ? entries.slice(piece) : entries.slice(piece, piece + 1);
}
