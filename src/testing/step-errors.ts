import { APIConnectionTimeoutError } from 'openai';
import { readEnv } from '../model/config.js';
import type { ModelAPIError, ModelError } from '../model/errors.js';
import { ModelResponseError } from '../model/errors.js';
import { abortedError, errorForStatus, timeoutError, type ErrorContext } from '../model/map-error.js';
import { DEFAULT_BASE_URL } from '../model/sdk-client.js';

// The errors error steps throw, made by OpenAIModel's own mapping from the HTTP response the
// step stands for, so that code under test sees the errors it will see in production. They
// name the base URL an OpenAIModel configured from the environment would call.

const requestId = (callIndex: number): string => `req_scripted_${callIndex + 1}`;

function context(modelId: string, timeout?: number): ErrorContext {
  return { modelId, baseUrl: readEnv('OPENAI_BASE_URL') ?? DEFAULT_BASE_URL, timeout };
}

/** A 429 `rate_limit_exceeded` (with `retry-after-ms` when a wait is given), as OpenAIModel raises it. */
export function rateLimitError(
  callIndex: number,
  modelId: string,
  retryAfterMs: number | undefined,
  message: string,
): ModelError {
  const headers = retryAfterMs === undefined ? undefined : new Headers({ 'retry-after-ms': String(retryAfterMs) });
  const failure = { status: 429, code: 'rate_limit_exceeded', message, headers, requestId: requestId(callIndex) };
  return errorForStatus(failure, context(modelId));
}

/** A 400 `context_length_exceeded`, as OpenAIModel raises it. */
export function contextWindowError(callIndex: number, modelId: string, message: string): ModelError {
  const failure = {
    status: 400,
    code: 'context_length_exceeded',
    message,
    headers: undefined,
    requestId: requestId(callIndex),
  };
  return errorForStatus(failure, context(modelId));
}

// The code OpenAI sends with each status, when a step names none.
const CODES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'invalid_api_key',
  404: 'model_not_found',
  429: 'rate_limit_exceeded',
  500: 'server_error',
  503: 'server_error',
};

/** Any HTTP failure, classified as OpenAIModel classifies it (a 429 is a rate limit, and so on). */
export function apiError(
  callIndex: number,
  modelId: string,
  status: number,
  code: string | undefined,
  message: string,
): ModelError {
  const failure = { status, code: code ?? CODES[status], message, headers: undefined, requestId: requestId(callIndex) };
  return errorForStatus(failure, context(modelId));
}

/** A timeout after `afterMs`, as OpenAIModel raises it: code "timeout", the SDK's timeout error as cause. */
export function timeoutStepError(modelId: string, afterMs: number): ModelAPIError {
  return timeoutError(context(modelId, afterMs), new APIConnectionTimeoutError());
}

/** A reply that is not in the shape asked for; `refusal` when the model refused. */
export function invalidResponseError(message: string, refusal?: string): ModelResponseError {
  return new ModelResponseError(message, { refusal });
}

/** A call its `signal` aborted, as OpenAIModel raises it; the signal's reason is the cause. */
export function abortedCallError(modelId: string, reason: unknown): ModelAPIError {
  return abortedError(context(modelId), reason);
}
