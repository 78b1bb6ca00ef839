import { countTokens } from '../tokens/count-tokens.js';
import { BUILT_CREATED, shortHash } from './chat-completion-body.js';
import type { HttpResponseData } from './http-response-data.js';
import { successHeaders } from './openai-headers.js';
import { logprobsBody } from './logprobs-body.js';
import {
  DEFAULT_BUILT_MODEL,
  toChatToolCalls,
  type CompletionOptions,
  type ToolCallInit,
} from './openai-completions.js';

/** What a Responses API reply holds (`POST /v1/responses`): text, tool calls, reasoning, or a refusal. */
export interface ResponseOptions extends CompletionOptions {
  /** The answer's text (an `output_text` part). */
  text?: string;
  /** A JSON answer, as `text.format` json_schema gives it: the value as compact JSON. */
  json?: unknown;
  /** `function_call` items, each with its `call_id`. */
  toolCalls?: ToolCallInit[];
  /** A refusal (a `refusal` part) instead of the text. */
  refusal?: string;
  /** Adds `encrypted_content` to the reasoning item, as with `store: false`: `true` for a made-up token. */
  encryptedReasoning?: true | string;
  /** Why the reply was cut short: status "incomplete" with this `incomplete_details.reason`. */
  incomplete?: 'max_output_tokens' | 'content_filter';
  /** `previous_response_id`, echoed as the API does. */
  previousResponseId?: string;
}

type Json = Record<string, unknown>;

/** The output items of a reply, in the order the API sends them: reasoning, message, calls. */
export function responseOutput(options: ResponseOptions, id: string): Json[] {
  const items: Json[] = [];
  const suffix = id.replace(/^resp_/, '');
  const reasoning = options.reasoning ?? (options.encryptedReasoning === undefined ? undefined : '');
  if (reasoning !== undefined) {
    const encrypted = options.encryptedReasoning;
    // As corpus 25 (encrypted, with an empty `content`) and 32 (a summary) have them.
    items.push({
      id: `rs_${suffix}`,
      type: 'reasoning',
      ...(encrypted === undefined
        ? {}
        : { content: [], encrypted_content: encrypted === true ? `gAAAAA${shortHash(id, 40)}` : encrypted }),
      summary: reasoning === '' ? [] : [{ type: 'summary_text', text: reasoning }],
    });
  }
  const text = textOf(options);
  if (text !== undefined || options.refusal !== undefined) {
    const part =
      options.refusal === undefined
        ? {
            type: 'output_text',
            annotations: [],
            logprobs: options.logprobs === undefined ? [] : logprobsBody(options.logprobs, text ?? ''),
            text,
          }
        : { type: 'refusal', refusal: options.refusal };
    items.push({
      id: `msg_${suffix}`,
      type: 'message',
      status: options.incomplete ? 'incomplete' : 'completed',
      content: [part],
      role: 'assistant',
    });
  }
  toChatToolCalls(options.toolCalls ?? []).forEach((call, index) => {
    items.push({
      id: `fc_${suffix}${index}`,
      type: 'function_call',
      status: 'completed',
      arguments: call.function.arguments,
      call_id: call.id,
      name: call.function.name,
    });
  });
  return items;
}

/** The text of the answer: `text`, or `json` as compact JSON. */
export function textOf(options: ResponseOptions): string | undefined {
  return options.json === undefined ? options.text : JSON.stringify(options.json);
}

/** What the reply says, for its id and default token count. */
export function spokenResponse(options: ResponseOptions): string {
  const calls = toChatToolCalls(options.toolCalls ?? []).map((c) => c.function.name + c.function.arguments);
  return [options.reasoning ?? '', textOf(options) ?? options.refusal ?? '', ...calls].join('');
}

/** The id of a built reply: given, or derived from what it says. */
export function responseId(options: ResponseOptions): string {
  return options.id ?? `resp_${shortHash(spokenResponse(options), 48)}`;
}

/**
 * A Responses API response object with the fields and key order of the corpus (24, 27, 28), for
 * the builders and `ScriptedModel`'s `raw`. `status` is "completed" unless `incomplete` is set,
 * or "in_progress" with `output: []` for the stream's opening events.
 */
export function buildResponseObject(options: ResponseOptions, status: 'completed' | 'in_progress' = 'completed'): Json {
  const id = responseId(options);
  const done = status === 'completed';
  const promptTokens = options.promptTokens ?? 0;
  const outputTokens = options.completionTokens ?? countTokens(spokenResponse(options));
  const created = options.created ?? BUILT_CREATED;
  return {
    id,
    object: 'response',
    created_at: created,
    status: done ? (options.incomplete ? 'incomplete' : 'completed') : 'in_progress',
    background: false,
    billing: { payer: 'developer' },
    completed_at: done ? created : null,
    error: null,
    frequency_penalty: 0,
    incomplete_details: done && options.incomplete ? { reason: options.incomplete } : null,
    instructions: null,
    max_output_tokens: null,
    max_tool_calls: null,
    model: options.model ?? DEFAULT_BUILT_MODEL,
    output: done ? responseOutput(options, id) : [],
    parallel_tool_calls: true,
    presence_penalty: 0,
    previous_response_id: options.previousResponseId ?? null,
    prompt_cache_key: null,
    prompt_cache_retention: null,
    reasoning: { effort: null, summary: null },
    safety_identifier: null,
    service_tier: 'default',
    store: options.encryptedReasoning === undefined,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_logprobs: 0,
    top_p: 1,
    truncation: 'disabled',
    usage: done
      ? {
          input_tokens: promptTokens,
          input_tokens_details: { cached_tokens: options.cachedTokens ?? 0 },
          output_tokens: outputTokens,
          output_tokens_details: { reasoning_tokens: options.reasoningTokens ?? 0 },
          total_tokens: promptTokens + outputTokens,
        }
      : null,
    user: null,
    metadata: {},
  };
}

/** A 200 Responses API reply (`POST /v1/responses`) as HTTP response data. */
export function buildResponse(options: ResponseOptions): HttpResponseData {
  const body = buildResponseObject(options);
  return {
    status: 200,
    headers: successHeaders('application/json', `req_${shortHash(String(body['id']), 32)}`),
    body: `${JSON.stringify(body, null, 2)}\n`,
  };
}
