import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { ModelAPIError, ModelContextWindowError, ModelError, ModelRateLimitError } from './errors.js';
import { apiOption, type OpenAIAPI } from './openai-api.js';
import { retryAfterMs } from './retry-after.js';

/** Phrases OpenAI and OpenAI-compatible servers (vLLM, Ollama, llama.cpp, Together) use for an over-long prompt. */
const CONTEXT_PHRASES = [
  /context[_ ]length[_ ]exceeded/i,
  /maximum context length/i,
  /context window/i,
  /exceeds? (the )?(model'?s? )?(max(imum)? )?context/i,
  /prompt is too long/i,
  /input (is )?too long/i,
  /too many (input )?tokens/i,
  /reduce the length of the (messages|input|prompt)/i,
  /longer than the model'?s? context length/i,
  /(available|exceeds?( the)?) context size/i,
];

/** Where the request went, for messages; never holds the key. */
export interface ErrorContext {
  modelId: string;
  baseUrl: string;
  timeout: number | undefined;
  /** The API the request went to, when the model knows it (a 404 then says more). */
  api?: OpenAIAPI | undefined;
}

/** An error response, as the status-to-class mapping reads it. */
export interface HttpFailure {
  status: number | undefined;
  /** The provider's own error code, when it gave one as a string. */
  code: string | undefined;
  /** What the provider said: its error message. */
  message: string;
  /** The response headers (`retry-after`, `retry-after-ms`), when known. */
  headers: Headers | undefined;
  requestId: string | undefined;
  cause?: unknown;
}

/**
 * The one place that turns an `openai` SDK error into a spark-models error. The SDK error
 * stays as `cause`.
 */
export function mapError(error: unknown, context: ErrorContext): ModelError {
  if (error instanceof ModelError) {
    return error;
  }
  if (error instanceof APIUserAbortError) {
    return abortedError(context, error);
  }
  if (error instanceof APIConnectionTimeoutError) {
    return timeoutError(context, error);
  }
  if (error instanceof APIConnectionError) {
    const reason = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return new ModelAPIError(
      `Could not connect to ${context.baseUrl}${reason}. Check \`baseUrl\` (or OPENAI_BASE_URL) and that the server is running.`,
      { code: 'connection_error', cause: error },
    );
  }
  if (!(error instanceof APIError)) {
    const message = error instanceof Error ? error.message : String(error);
    return new ModelAPIError(`The request to ${context.baseUrl} failed: ${message}`, { cause: error });
  }
  const body = error.error as { message?: unknown } | undefined;
  return errorForStatus(
    {
      status: error.status,
      code: typeof error.code === 'string' ? error.code : undefined,
      message: typeof body?.message === 'string' ? body.message : error.message,
      headers: error.headers,
      requestId: error.requestID ?? undefined,
      cause: error,
    },
    context,
  );
}

/**
 * The status-to-class mapping, for live responses (`mapError`) and scripted ones alike. 429 is
 * checked first: OpenAI's 429 for an over-large request says the tokens "must be reduced",
 * which is not a context-window error. A failure without a status (an error event in a stream,
 * a failed Responses API response) is classified by its code and message alone.
 */
export function errorForStatus(failure: HttpFailure, context: ErrorContext): ModelError {
  const { status, code } = failure;
  const details = { status, code, requestId: failure.requestId, cause: failure.cause };
  const said = /[.!?]$/.test(failure.message) ? failure.message : `${failure.message}.`;
  const rateLimited = status === 429 || (status === undefined && code === 'rate_limit_exceeded');
  if (rateLimited && code !== 'insufficient_quota') {
    const wait = retryAfterMs(failure.headers);
    return new ModelRateLimitError(
      `Rate limited by ${context.baseUrl} (429): ${said} ` +
        (wait === undefined ? 'Wait, then retry with backoff.' : `Retry after ${wait} ms (\`error.retryAfterMs\`).`),
      { ...details, retryAfterMs: wait },
    );
  }
  if (
    (status === 400 || status === 413 || status === undefined) &&
    CONTEXT_PHRASES.some((re) => re.test(`${code ?? ''} ${said}`))
  ) {
    return new ModelContextWindowError(
      `The prompt does not fit the context window of "${context.modelId}": ${said} ` +
        'Shorten the conversation (see `truncateConversation`) or lower `maxTokens`.',
      details,
    );
  }
  return new ModelAPIError(
    `${context.baseUrl} answered ${status ?? 'an error'}: ${said} ${advice(status, code, context.api)}`.trim(),
    {
      ...details,
    },
  );
}

/** A request its `signal` aborted; `cause` is the SDK's abort error or the signal's reason. */
export function abortedError(context: ErrorContext, cause: unknown): ModelAPIError {
  return new ModelAPIError(`The request to ${context.baseUrl} was aborted by its \`signal\`.`, {
    code: 'aborted',
    cause,
  });
}

/** A request that took longer than `timeout`; `cause` is the SDK's timeout error. */
export function timeoutError(context: ErrorContext, cause: APIConnectionTimeoutError): ModelAPIError {
  return new ModelAPIError(
    `The request to ${context.baseUrl} timed out${context.timeout ? ` after ${context.timeout} ms` : ''}. ` +
      'Raise `timeout`, or check that the server is up.',
    { code: 'timeout', cause },
  );
}

function advice(status: number | undefined, code: string | undefined, api: OpenAIAPI | undefined): string {
  if (status === 401) {
    return 'Check `apiKey` (or OPENAI_API_KEY).';
  }
  if (status === 404 && api === 'responses') {
    return `Check \`modelId\` and \`baseUrl\`; a server without the Responses API answers 404 too: use ${apiOption('chat')} for it.`;
  }
  if (status === 404 || code === 'model_not_found') {
    return 'Check `modelId` and `baseUrl`.';
  }
  if (code === 'insufficient_quota') {
    return "Retrying will not help: check the account's plan and billing.";
  }
  if (status !== undefined && status >= 500) {
    return 'The provider failed; retry later (raise `maxRetries` to let the SDK retry).';
  }
  return 'Fix the request as the message says.';
}
