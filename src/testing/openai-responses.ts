import {
  buildContextLengthExceeded,
  buildErrorResponse,
  buildInvalidApiKey,
  buildRateLimit,
  buildServerError,
  type ContextLengthOptions,
  type OpenAIErrorInit,
  type RateLimitOptions,
} from './openai-error-bodies.js';
import {
  buildChoicesCompletion,
  buildJsonCompletion,
  buildTextCompletion,
  buildToolCallsCompletion,
  type ChoiceInit,
  type CompletionOptions,
  type TextCompletionOptions,
  type ToolCallInit,
} from './openai-completions.js';
import { buildStream, type StreamOptions } from './openai-stream.js';
import { buildResponse, type ResponseOptions } from './responses-body.js';
import { buildResponseStream, type ResponseStreamOptions } from './responses-stream.js';
import { toResponse, withOptions, type HttpResponseData, type HttpResponseOptions } from './http-response-data.js';

/** The builders, each producing response data; both public tables below derive from this one. */
const builders = {
  chatCompletion: (options: TextCompletionOptions & HttpResponseOptions) =>
    withOptions(buildTextCompletion(options), options),
  toolCalls: (
    calls: readonly ToolCallInit[],
    options: CompletionOptions & HttpResponseOptions & { text?: string } = {},
  ) => withOptions(buildToolCallsCompletion(calls, options), options),
  json: (value: unknown, options: CompletionOptions & HttpResponseOptions = {}) =>
    withOptions(buildJsonCompletion(value, options), options),
  choices: (choices: readonly ChoiceInit[], options: CompletionOptions & HttpResponseOptions = {}) =>
    withOptions(buildChoicesCompletion(choices, options), options),
  stream: (options: StreamOptions & HttpResponseOptions) => withOptions(buildStream(options), options),
  response: (options: ResponseOptions & HttpResponseOptions) => withOptions(buildResponse(options), options),
  responseStream: (options: ResponseStreamOptions & HttpResponseOptions) =>
    withOptions(buildResponseStream(options), options),
  rateLimit: (options: RateLimitOptions & HttpResponseOptions = {}) => withOptions(buildRateLimit(options), options),
  contextLengthExceeded: (options: ContextLengthOptions & HttpResponseOptions = {}) =>
    withOptions(buildContextLengthExceeded(options), options),
  invalidApiKey: (options: { apiKey?: string } & HttpResponseOptions = {}) =>
    withOptions(buildInvalidApiKey(options), options),
  serverError: (options: { status?: number } & HttpResponseOptions = {}) =>
    withOptions(buildServerError(options), options),
  error: (init: OpenAIErrorInit & HttpResponseOptions) => withOptions(buildErrorResponse(init), init),
};

type Builders = typeof builders;

/** The builders of `openaiResponses`: same arguments, each returning a standard `Response`. */
export type OpenAIResponseBuilders = { [K in keyof Builders]: (...args: Parameters<Builders[K]>) => Response };

/** The builders of `openaiResponseData`: each returning `{ status, headers, body }`. */
export type OpenAIResponseDataBuilders = {
  [K in keyof Builders]: (...args: Parameters<Builders[K]>) => HttpResponseData;
};

/**
 * Plain `{ status, headers, body }` versions of every `openaiResponses` builder, for writing
 * a cassette by hand or serving from a `node:http` server.
 * @example const { status, headers, body } = openaiResponseData.rateLimit({ retryAfterMs: 120 });
 */
export const openaiResponseData: OpenAIResponseDataBuilders = builders;

/**
 * OpenAI-shaped HTTP responses, byte-compatible with what api.openai.com sends (the field sets,
 * key order and header names of the recorded corpus), as standard `Response` objects: return
 * one from an MSW resolver to drive any client, `OpenAIModel` included, down a given path.
 * Bodies are deterministic (fixed `created`, ids derived from the content).
 *
 * @example
 * server.use(
 *   http.post('https://api.openai.com/v1/chat/completions', () => openaiResponses.rateLimit({ retryAfterMs: 120 })),
 * );
 * @example openaiResponses.toolCalls([{ name: 'get_weather', arguments: { location: 'Paris' } }])
 * @example openaiResponses.stream({ text: 'Hello there' }) // text/event-stream, ends with data: [DONE]
 * @example openaiResponses.choices([{ text: 'Paris' }, { text: 'Lyon' }]) // n = 2
 * @example openaiResponses.chatCompletion({ text: 'Hi', reasoningTokens: 192, cachedTokens: 1024, logprobs: true })
 * @example openaiResponses.response({ toolCalls: [{ name: 'get_weather', arguments: { location: 'Paris' } }] }) // POST /v1/responses
 * @example openaiResponses.responseStream({ text: 'Hi', reasoning: 'The user greets me.' }) // its SSE events
 */
export const openaiResponses: OpenAIResponseBuilders = Object.fromEntries(
  Object.entries(builders).map(([name, build]) => [
    name,
    (...args: unknown[]) => toResponse((build as (...a: unknown[]) => HttpResponseData)(...args)),
  ]),
) as OpenAIResponseBuilders;
