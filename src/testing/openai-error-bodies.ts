import { errorHeaders } from './openai-headers.js';
import { shortHash } from './chat-completion-body.js';
import type { HttpResponseData } from './http-response-data.js';

/** The `error` object of an OpenAI error body: every key is always present, as in the corpus. */
export interface OpenAIErrorInit {
  status: number;
  message: string;
  type: string;
  param?: string | null;
  code?: string | null;
}

/**
 * Builds an OpenAI error response: `{ error: { message, type, param, code } }`, four-space
 * indented with a final newline like the chat/completions errors in the corpus (15, 17, 20).
 */
export function buildErrorResponse(init: OpenAIErrorInit, headers: Record<string, string> = {}): HttpResponseData {
  const error = { message: init.message, type: init.type, param: init.param ?? null, code: init.code ?? null };
  const body = `${JSON.stringify({ error }, null, 4)}\n`;
  return { status: init.status, headers: { ...errorHeaders(`req_${shortHash(body, 32)}`), ...headers }, body };
}

/** Options of the 429 builder. */
export interface RateLimitOptions {
  /** Sends `retry-after-ms` (and `retry-after` rounded up to whole seconds). */
  retryAfterMs?: number;
  /** Sends `retry-after` in seconds (when `retryAfterMs` is not given). */
  retryAfterSeconds?: number;
  /** Which limit was hit: requests per minute or tokens per minute. @default "requests" */
  limit?: 'requests' | 'tokens';
  /** The model named in the message. @default "gpt-4o" */
  model?: string;
}

/** A 429 `rate_limit_exceeded`, with `x-ratelimit-*` headers and, when asked, `retry-after`. */
export function buildRateLimit(options: RateLimitOptions = {}): HttpResponseData {
  const { retryAfterMs, retryAfterSeconds, limit = 'requests', model = 'gpt-4o' } = options;
  const waitMs = retryAfterMs ?? (retryAfterSeconds === undefined ? undefined : retryAfterSeconds * 1000);
  const reset = `${waitMs ?? 1000}ms`;
  const headers: Record<string, string> = {};
  if (retryAfterMs !== undefined) {
    headers['retry-after'] = String(Math.ceil(retryAfterMs / 1000));
    headers['retry-after-ms'] = String(retryAfterMs);
  } else if (retryAfterSeconds !== undefined) {
    headers['retry-after'] = String(retryAfterSeconds);
  }
  const requests = limit === 'requests';
  Object.assign(headers, {
    'x-ratelimit-limit-requests': '500',
    'x-ratelimit-remaining-requests': requests ? '0' : '499',
    'x-ratelimit-reset-requests': requests ? reset : '120ms',
    'x-ratelimit-limit-tokens': '30000',
    'x-ratelimit-remaining-tokens': requests ? '29980' : '0',
    'x-ratelimit-reset-tokens': requests ? '40ms' : reset,
  });
  const what = requests
    ? 'requests per min (RPM): Limit 500, Used 500, Requested 1'
    : 'tokens per min (TPM): Limit 30000, Used 30000, Requested 20';
  const message = `Rate limit reached for ${model} in organization org-spark on ${what}. Please try again in ${reset}. Visit https://platform.openai.com/account/rate-limits to learn more.`;
  return buildErrorResponse({ status: 429, message, type: limit, code: 'rate_limit_exceeded' }, headers);
}

/** Options of the 400 `context_length_exceeded` builder. */
export interface ContextLengthOptions {
  /** The model's context window. @default 128000 */
  maxContextTokens?: number;
  /** What the request needed. @default 131072 */
  requestedTokens?: number;
  /** Which API's wording: chat completions' classic one, or the Responses API's (corpus 16). @default "chat" */
  api?: 'chat' | 'responses';
}

/**
 * A 400 `context_length_exceeded`, in OpenAI's classic chat/completions wording, or with
 * `api: "responses"` in the Responses API's (`param: "input"`, no token counts).
 */
export function buildContextLengthExceeded(options: ContextLengthOptions = {}): HttpResponseData {
  const { maxContextTokens = 128_000, requestedTokens = 131_072 } = options;
  if (options.api === 'responses') {
    return buildErrorResponse({
      status: 400,
      message: 'Your input exceeds the context window of this model. Please adjust your input and try again.',
      type: 'invalid_request_error',
      param: 'input',
      code: 'context_length_exceeded',
    });
  }
  const message = `This model's maximum context length is ${maxContextTokens} tokens. However, your messages resulted in ${requestedTokens} tokens. Please reduce the length of the messages.`;
  return buildErrorResponse({
    status: 400,
    message,
    type: 'invalid_request_error',
    param: 'messages',
    code: 'context_length_exceeded',
  });
}

/** A 401 `invalid_api_key`; the message shows the key masked, as OpenAI does. */
export function buildInvalidApiKey(options: { apiKey?: string } = {}): HttpResponseData {
  const key = options.apiKey ?? 'sk-spark-invalid';
  const masked = key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}` : key;
  const message = `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`;
  return buildErrorResponse({ status: 401, message, type: 'invalid_request_error', code: 'invalid_api_key' });
}

/** A 500 `server_error` (which the `openai` SDK retries unless `shouldRetry: false`). */
export function buildServerError(options: { status?: number } = {}): HttpResponseData {
  const message =
    'An error occurred while processing your request. You can retry your request, or contact us through our help center at help.openai.com if the error persists.';
  return buildErrorResponse({ status: options.status ?? 500, message, type: 'server_error', code: 'server_error' });
}
