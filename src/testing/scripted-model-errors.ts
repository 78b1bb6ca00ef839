import { APIConnectionTimeoutError } from 'openai';
import { ModelAPIError, ModelContextWindowError, ModelRateLimitError, ModelResponseError } from '../model/errors.js';

// The messages, statuses and codes follow OpenAIModel's own mapping (src/model/map-error.ts),
// so that code under test sees the errors it will see in production.

const requestId = (callIndex: number): string => `req_scripted_${callIndex + 1}`;

/** A 429 as OpenAIModel raises it. */
export function rateLimitError(
  callIndex: number,
  retryAfterMs: number | undefined,
  message: string,
): ModelRateLimitError {
  return new ModelRateLimitError(
    `Rate limited (429): ${message} ${retryAfterMs === undefined ? 'Wait, then retry with backoff.' : `Retry after ${retryAfterMs} ms (\`error.retryAfterMs\`).`}`,
    { status: 429, code: 'rate_limit_exceeded', requestId: requestId(callIndex), retryAfterMs },
  );
}

/** A 400 `context_length_exceeded` as OpenAIModel raises it. */
export function contextWindowError(callIndex: number, modelId: string, message: string): ModelContextWindowError {
  return new ModelContextWindowError(
    `The prompt does not fit the context window of "${modelId}": ${message} Shorten the conversation (see \`truncateConversation\`) or lower \`maxTokens\`.`,
    { status: 400, code: 'context_length_exceeded', requestId: requestId(callIndex) },
  );
}

const CODES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'invalid_api_key',
  404: 'model_not_found',
  500: 'server_error',
  503: 'server_error',
};

/** Any other HTTP failure, as OpenAIModel raises it. */
export function apiError(callIndex: number, status: number, code: string | undefined, message: string): ModelAPIError {
  return new ModelAPIError(`The provider answered ${status}: ${message}`, {
    status,
    code: code ?? CODES[status],
    requestId: requestId(callIndex),
  });
}

/** A timeout, as OpenAIModel raises it: code "timeout", the SDK's timeout error as cause. */
export function timeoutError(afterMs: number): ModelAPIError {
  return new ModelAPIError(
    `The request timed out after ${afterMs} ms (scripted). Raise \`timeout\`, or check that the server is up.`,
    {
      code: 'timeout',
      cause: new APIConnectionTimeoutError(),
    },
  );
}

/** A reply that is not in the shape asked for; `refusal` when the model refused. */
export function invalidResponseError(message: string, refusal?: string): ModelResponseError {
  return new ModelResponseError(message, { refusal });
}

/** An aborted call, as OpenAIModel raises it. */
export function abortedError(reason: unknown): ModelAPIError {
  return new ModelAPIError('The request was aborted by its `signal`.', { code: 'aborted', cause: reason });
}
