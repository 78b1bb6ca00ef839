import { hasErrorName } from '../internal/error-name.js';

/**
 * The model error classes. Each class is a decision the caller makes: retry later, shorten the
 * prompt, fix the configuration, or handle anything else. Discriminate by `name` (or with
 * `isModelError`), which works across realms and bundled copies.
 */

/** Details an error may carry about the HTTP exchange that caused it. */
export interface ModelErrorDetails {
  /** HTTP status, when the provider answered. */
  status?: number | undefined;
  /** The provider's own error code (`rate_limit_exceeded`, `context_length_exceeded`, ...). */
  code?: string | undefined;
  /** The provider's request id (`x-request-id`), for support tickets. */
  requestId?: string | undefined;
  /** The underlying error, usually the `openai` SDK's. */
  cause?: unknown;
}

/** The root of every error a model raises. */
export class ModelError extends Error {
  override name: string = 'ModelError';
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly requestId: string | undefined;

  constructor(message: string, details: ModelErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
  }
}

/** The provider failed the request (HTTP error, connection failure, timeout). */
export class ModelAPIError extends ModelError {
  override name = 'ModelAPIError' as const;
}

/** Too many requests or tokens: wait `retryAfterMs` (when the provider said) and retry. */
export class ModelRateLimitError extends ModelError {
  override name = 'ModelRateLimitError' as const;
  /** How long the provider asked to wait, in milliseconds; undefined when it did not say. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: ModelErrorDetails & { retryAfterMs?: number | undefined } = {}) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** The prompt does not fit the model's context window: shorten or truncate the conversation. */
export class ModelContextWindowError extends ModelError {
  override name = 'ModelContextWindowError' as const;
}

/** Missing or invalid configuration, raised before any request is sent. */
export class ModelConfigurationError extends ModelError {
  override name = 'ModelConfigurationError' as const;
  /** The option at fault, when there is one (`temperature`, `apiKey`, ...). */
  readonly option: string | undefined;

  constructor(message: string, details: ModelErrorDetails & { option?: string | undefined } = {}) {
    super(message, details);
    this.option = details.option;
  }
}

/** The model answered, but not in the shape asked for (bad tool arguments, JSON off schema). */
export class ModelResponseError extends ModelError {
  override name = 'ModelResponseError' as const;
  /** What the model said instead, when it refused to answer (structured outputs' `refusal`). */
  readonly refusal: string | undefined;

  constructor(message: string, details: ModelErrorDetails & { refusal?: string | undefined } = {}) {
    super(message, details);
    this.refusal = details.refusal;
  }
}

const MODEL_ERROR_NAMES: ReadonlySet<string> = new Set([
  'ModelError',
  'ModelAPIError',
  'ModelRateLimitError',
  'ModelContextWindowError',
  'ModelConfigurationError',
  'ModelResponseError',
]);

/** True for any spark-models model error, judged by `name`: even one from another realm or copy of the package. */
export function isModelError(value: unknown): value is ModelError {
  return hasErrorName(value, MODEL_ERROR_NAMES);
}
