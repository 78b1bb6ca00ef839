import { errorHeaders } from './openai-headers.js';
import { shortHash } from './chat-completion-body.js';
import type { HttpResponseData } from './http-response-data.js';
import {
  contextLengthFields,
  openaiErrorBody,
  rateLimitShape,
  retryAfterHeaders,
  serverErrorFields,
} from '../internal/openai-error-shapes.js';

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
  const body = openaiErrorBody(init);
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
  const headers: Record<string, string> =
    retryAfterMs !== undefined
      ? retryAfterHeaders(retryAfterMs)
      : retryAfterSeconds !== undefined
        ? { 'retry-after': String(retryAfterSeconds) }
        : {};
  const shape = rateLimitShape(limit, model, waitMs ?? 1000);
  Object.assign(headers, shape.headers);
  return buildErrorResponse({ status: 429, ...shape.fields }, headers);
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
  return buildErrorResponse({
    status: 400,
    ...contextLengthFields(options.api ?? 'chat', maxContextTokens, requestedTokens),
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
  return buildErrorResponse({ status: options.status ?? 500, ...serverErrorFields() });
}
