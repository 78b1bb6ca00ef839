/**
 * The error answers of api.openai.com, in substance as recorded: the body `{ error: { message,
 * type, param, code } }` with every key present, and each API's own layout and wording. Chat
 * completions errors are four-space indented with a final newline (corpus 15, 17, 20, 22);
 * Responses API errors two-space indented without one (corpus 16, 18, 34). Shared by the
 * testing kit's response builders and the cassette's fault injection.
 */

/** Which OpenAI API an error answers: its layout and wording follow that API. */
export type OpenAIErrorAPI = 'chat' | 'responses';

/** The `error` object of an OpenAI error body. */
export interface OpenAIErrorFields {
  message: string;
  type: string;
  param?: string | null;
  code?: string | null;
}

/** The body text of an OpenAI error, laid out as `api` lays it out. */
export function openaiErrorBody(fields: OpenAIErrorFields, api: OpenAIErrorAPI = 'chat'): string {
  const error = { message: fields.message, type: fields.type, param: fields.param ?? null, code: fields.code ?? null };
  return api === 'chat' ? `${JSON.stringify({ error }, null, 4)}\n` : JSON.stringify({ error }, null, 2);
}

/** Which limit a 429 says was hit. */
export type RateLimitKind = 'requests' | 'tokens';

/** The fields and `x-ratelimit-*` headers of a 429 `rate_limit_exceeded` (corpus 15, 23). */
export function rateLimitShape(
  limit: RateLimitKind,
  model: string,
  resetMs: number,
): { fields: OpenAIErrorFields; headers: Record<string, string> } {
  const reset = `${resetMs}ms`;
  const requests = limit === 'requests';
  const headers = {
    'x-ratelimit-limit-requests': '500',
    'x-ratelimit-remaining-requests': requests ? '0' : '499',
    'x-ratelimit-reset-requests': requests ? reset : '120ms',
    'x-ratelimit-limit-tokens': '30000',
    'x-ratelimit-remaining-tokens': requests ? '29980' : '0',
    'x-ratelimit-reset-tokens': requests ? '40ms' : reset,
  };
  const what = requests
    ? 'requests per min (RPM): Limit 500, Used 500, Requested 1'
    : 'tokens per min (TPM): Limit 30000, Used 30000, Requested 20';
  const message = `Rate limit reached for ${model} in organization org-spark on ${what}. Please try again in ${reset}. Visit https://platform.openai.com/account/rate-limits to learn more.`;
  return { fields: { message, type: limit, code: 'rate_limit_exceeded' }, headers };
}

/** `retry-after` (whole seconds, rounded up) and `retry-after-ms` for a wait in ms. */
export function retryAfterHeaders(ms: number): Record<string, string> {
  return { 'retry-after': String(Math.ceil(ms / 1000)), 'retry-after-ms': String(ms) };
}

/**
 * A 400 `context_length_exceeded` in the wording of the API the request went to: chat
 * completions' classic "maximum context length" sentence (corpus 22), or the Responses API's
 * "exceeds the context window" (corpus 16).
 */
export function contextLengthFields(
  api: OpenAIErrorAPI,
  maxContextTokens: number = 128_000,
  requestedTokens: number = 131_072,
): OpenAIErrorFields {
  const message =
    api === 'chat'
      ? `This model's maximum context length is ${maxContextTokens} tokens. However, your messages resulted in ${requestedTokens} tokens. Please reduce the length of the messages.`
      : 'Your input exceeds the context window of this model. Please adjust your input and try again.';
  return {
    message,
    type: 'invalid_request_error',
    param: api === 'chat' ? 'messages' : 'input',
    code: 'context_length_exceeded',
  };
}

/** The 500 `server_error` (corpus 18), naming the request id when given. */
export function serverErrorFields(requestId?: string): OpenAIErrorFields {
  const id = requestId === undefined ? '' : ` Please include the request ID ${requestId} in your message.`;
  return {
    message: `An error occurred while processing your request. You can retry your request, or contact us through our help center at help.openai.com if the error persists.${id}`,
    type: 'server_error',
    code: 'server_error',
  };
}

/** The 503 an overloaded model answers: `server_error` with a null code. */
export function overloadedFields(requestId: string): OpenAIErrorFields {
  return {
    message: `That model is currently overloaded with other requests. You can retry your request, or contact us through our help center at help.openai.com if the error persists. (Please include the request ID ${requestId} in your message.)`,
    type: 'server_error',
    code: null,
  };
}
