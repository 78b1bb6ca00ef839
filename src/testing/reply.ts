import { excerpt, preview } from '../internal/message-text.js';
import type { ScriptedCall } from './scripted-call.js';
import { ScriptedModelError } from './scripted-model-error.js';
import { apiError, contextWindowError, invalidResponseError, rateLimitError, timeoutStepError } from './step-errors.js';
import type {
  ComputeStep,
  ErrorStep,
  JsonStep,
  ScriptedToolUse,
  ScriptStep,
  TextStep,
  ToolUseStep,
} from './script-steps.js';

/** Options every answering step takes. */
export interface StepOptions {
  /** Waits this long before answering (abortable by the call's `signal`). */
  delayMs?: number;
  /** The model's reasoning summary, on `response.reasoning` (a reasoning model's, on the Responses API). */
  reasoning?: string;
}

function withStepOptions<T extends object>(step: T, options: StepOptions): T {
  return {
    ...step,
    ...(options.delayMs === undefined ? {} : { delayMs: options.delayMs }),
    ...(options.reasoning === undefined ? {} : { reasoning: options.reasoning }),
  };
}

function describeUses(toolUses: readonly ScriptedToolUse[]): string {
  return toolUses.map((use) => `{ name: ${JSON.stringify(use.name)}, input: ${preview(use.input)} }`).join(', ');
}

const errorSteps = {
  /** A 429 `ModelRateLimitError`; `retryAfterMs` is the wait the provider asks for. */
  rateLimit(options: { retryAfterMs?: number; message?: string } = {}): ErrorStep {
    const { retryAfterMs, message = 'Rate limit reached (scripted).' } = options;
    return {
      kind: 'error',
      description: `reply.error.rateLimit(${retryAfterMs === undefined ? '' : `{ retryAfterMs: ${retryAfterMs} }`})`,
      create: (call, modelId) => rateLimitError(call.index, modelId, retryAfterMs, message),
    };
  },
  /** A 400 `ModelContextWindowError` (`context_length_exceeded`). */
  contextWindow(options: { message?: string } = {}): ErrorStep {
    const { message = "This model's maximum context length was exceeded (scripted)." } = options;
    return {
      kind: 'error',
      description: 'reply.error.contextWindow()',
      create: (call, modelId) => contextWindowError(call.index, modelId, message),
    };
  },
  /** Any other HTTP failure: `ModelAPIError` with `status` (default 500) and `code`. */
  api(options: { status?: number; code?: string; message?: string } = {}): ErrorStep {
    const {
      status = 500,
      code,
      message = 'The server had an error while processing the request (scripted).',
    } = options;
    return {
      kind: 'error',
      description: `reply.error.api({ status: ${status} })`,
      create: (call, modelId) => apiError(call.index, modelId, status, code, message),
    };
  },
  /** A timeout: waits `afterMs` (default 0), then `ModelAPIError` with code "timeout". */
  timeout(options: { afterMs?: number } = {}): ErrorStep {
    const { afterMs = 0 } = options;
    return {
      kind: 'error',
      description: `reply.error.timeout(${afterMs ? `{ afterMs: ${afterMs} }` : ''})`,
      delayMs: afterMs,
      create: (_call, modelId) => timeoutStepError(modelId, afterMs),
    };
  },
  /**
   * A reply not in the shape asked for: `ModelResponseError` (as for malformed JSON or tool
   * arguments). With `refusal`, a refusal to a JSON request: the error's `refusal` is set.
   */
  invalidResponse(options: { message?: string; refusal?: string } = {}): ErrorStep {
    const { refusal } = options;
    const message =
      options.message ??
      (refusal === undefined
        ? "The model's reply is not valid JSON (scripted). Retry the call."
        : `The model refused to answer in JSON: "${refusal}". Rephrase the request.`);
    return {
      kind: 'error',
      description: `reply.error.invalidResponse(${refusal === undefined ? '' : `{ refusal: ${excerpt(refusal)} }`})`,
      create: () => invalidResponseError(message, refusal),
    };
  },
};

/**
 * Builds the steps of a `ScriptedModel` script, one builder per kind of reply.
 * @example
 * const model = new ScriptedModel([
 *   reply.toolUse('get_weather', { location: 'Paris' }),
 *   reply.error.rateLimit({ retryAfterMs: 10 }),
 *   reply.compute((call) => reply.text(`It is ${call.toolResults[0]?.content[0]?.text ?? '?'}`)),
 * ]);
 */
export const reply = {
  /** A text answer; `stopReason` defaults to "end_turn". */
  text(text: string, options: StepOptions & { stopReason?: TextStep['stopReason'] } = {}): TextStep {
    return withStepOptions(
      { kind: 'text', text, stopReason: options.stopReason ?? 'end_turn', description: `reply.text(${excerpt(text)})` },
      options,
    );
  },
  /**
   * A JSON answer: `content` is the compact JSON text, as structured outputs return it. Given a
   * `jsonSchema` in strict mode, the text is what strict mode gives: properties in the schema's
   * order, `null` for each optional one the value leaves out (`parsed` drops those nulls again).
   */
  json(value: unknown, options: StepOptions = {}): JsonStep {
    return withStepOptions({ kind: 'json', value, description: `reply.json(${preview(value)})` }, options);
  },
  /** One tool use (stopReason "tool_use"), with optional text beside it. */
  toolUse(
    name: string,
    input: Record<string, unknown> = {},
    options: StepOptions & { text?: string; toolUseId?: string } = {},
  ): ToolUseStep {
    const use: ScriptedToolUse =
      options.toolUseId === undefined ? { name, input } : { name, input, toolUseId: options.toolUseId };
    return {
      ...reply.toolUses([use], options),
      description: `reply.toolUse(${JSON.stringify(name)}, ${preview(input)})`,
    };
  },
  /** Several tool uses in one turn (parallel tool calls), with optional text beside them. */
  toolUses(toolUses: readonly ScriptedToolUse[], options: StepOptions & { text?: string } = {}): ToolUseStep {
    if (toolUses.length === 0) {
      throw new ScriptedModelError(
        'Invalid script step reply.toolUses([]): a tool-use turn needs at least one tool use. Add one, or script reply.text(...) instead.',
        { reason: 'invalid-step' },
      );
    }
    const step: ToolUseStep = { kind: 'toolUse', toolUses, description: `reply.toolUses([${describeUses(toolUses)}])` };
    return withStepOptions(options.text === undefined ? step : { ...step, text: options.text }, options);
  },
  /** A step computed from the call (messages, tool results, options); return another step. */
  compute(compute: (call: ScriptedCall) => ScriptStep | Promise<ScriptStep>): ComputeStep {
    return { kind: 'compute', compute, description: 'reply.compute(…)' };
  },
  /** Failing steps: each throws the error `OpenAIModel` throws in the same situation. */
  error: errorSteps,
};
