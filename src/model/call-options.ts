import type { OpenAIModelConfig } from './config.js';
import { suggestOption } from './config-errors.js';
import { ModelConfigurationError } from './errors.js';
import { isReasoningModel } from './reasoning-model.js';
import type { GetJsonRequest, ReasoningEffort, ReasoningSummary, Verbosity } from './types.js';
import { validateExtraParams, validateGenerationOptions } from './validate-config.js';

/** The per-call arguments of `OpenAIModel`: `getJson`'s, plus `extraParams`. */
export type CallRequest = GetJsonRequest & { extraParams?: Record<string, unknown> };

const TEXT_KEYS = [
  'messages',
  'systemPrompt',
  'toolSpecs',
  'toolChoice',
  'signal',
  'temperature',
  'maxTokens',
  'topP',
  'frequencyPenalty',
  'presencePenalty',
  'stopSequences',
  'reasoningEffort',
  'verbosity',
  'n',
  'logprobs',
  'parallelToolCalls',
  'strictTools',
  'store',
  'reasoningSummary',
  'previousResponseId',
  'timeout',
  'maxRetries',
  'extraParams',
] as const;
const JSON_KEYS = ['jsonSchema', 'schemaName', 'strict'] as const;
const TEXT_OPTIONS: ReadonlySet<string> = new Set(TEXT_KEYS);
const JSON_OPTIONS: ReadonlySet<string> = new Set([...TEXT_KEYS, ...JSON_KEYS]);

/**
 * Checks one call's arguments before anything is sent: every key is known to `method`, and every
 * option is in range (the constructor's rules).
 */
export function assertCallOptions(request: object, method: 'getText' | 'getJson' | 'stream'): void {
  const known = method === 'getJson' ? JSON_OPTIONS : TEXT_OPTIONS;
  const unknown = Object.keys(request).find((key) => !known.has(key));
  if (unknown) {
    const hint = (JSON_KEYS as readonly string[]).includes(unknown)
      ? `\`${unknown}\` belongs to \`getJson\`.`
      : suggestOption(unknown, known);
    throw new ModelConfigurationError(`Unknown call option \`${unknown}\` for \`${method}\`. ${hint}`, {
      option: unknown,
    });
  }
  validateGenerationOptions(request as Record<string, unknown>);
  validateExtraParams((request as CallRequest).extraParams);
  const { previousResponseId } = request as CallRequest;
  if (
    previousResponseId !== undefined &&
    (typeof previousResponseId !== 'string' || previousResponseId.trim() === '')
  ) {
    throw new ModelConfigurationError(
      `Invalid \`previousResponseId\`: must be the id of an earlier response (\`response.id\`, "resp_…"), got ${JSON.stringify(previousResponseId)}. Pass the \`id\` of the response the call continues, or leave it out.`,
      { option: 'previousResponseId' },
    );
  }
}

/** One call's effective options: the call's own, else the model's. Wire-format neutral. */
export interface ResolvedCall {
  /** The model is a reasoning model (see `isReasoningModel`). */
  reasoning: boolean;
  temperature: number | undefined;
  topP: number | undefined;
  frequencyPenalty: number | undefined;
  presencePenalty: number | undefined;
  maxTokens: number | undefined;
  stopSequences: string[] | undefined;
  reasoningEffort: ReasoningEffort | undefined;
  verbosity: Verbosity | undefined;
  n: number | undefined;
  logprobs: boolean | number | undefined;
  parallelToolCalls: boolean | undefined;
  strictTools: boolean;
  store: boolean | undefined;
  reasoningSummary: ReasoningSummary | undefined;
  /** The stored response this call continues (Responses API); per call only. */
  previousResponseId: string | undefined;
  extraParams: Record<string, unknown>;
}

type Sampling = 'temperature' | 'topP' | 'frequencyPenalty' | 'presencePenalty';

/**
 * Merges a call's options over the model's. Reasoning models reject non-default sampling
 * values, so for them sampling options count only when the user set them.
 */
export function resolveCall(config: OpenAIModelConfig, explicit: ReadonlySet<string>, call: CallRequest): ResolvedCall {
  const reasoning = isReasoningModel(config.modelId);
  return {
    reasoning,
    temperature: sampling(config, explicit, call, reasoning, 'temperature'),
    topP: sampling(config, explicit, call, reasoning, 'topP'),
    frequencyPenalty: sampling(config, explicit, call, reasoning, 'frequencyPenalty'),
    presencePenalty: sampling(config, explicit, call, reasoning, 'presencePenalty'),
    maxTokens: call.maxTokens ?? config.maxTokens,
    stopSequences: call.stopSequences ?? config.stopSequences,
    reasoningEffort: call.reasoningEffort ?? config.reasoningEffort,
    verbosity: call.verbosity ?? config.verbosity,
    n: call.n ?? config.n,
    logprobs: call.logprobs ?? config.logprobs,
    parallelToolCalls: call.parallelToolCalls ?? config.parallelToolCalls,
    strictTools: call.strictTools ?? config.strictTools ?? false,
    store: call.store ?? config.store,
    reasoningSummary: call.reasoningSummary ?? config.reasoningSummary,
    previousResponseId: call.previousResponseId,
    extraParams:
      config.extraParams === undefined && call.extraParams === undefined
        ? {}
        : { ...config.extraParams, ...call.extraParams },
  };
}

function sampling(
  config: OpenAIModelConfig,
  explicit: ReadonlySet<string>,
  call: CallRequest,
  reasoning: boolean,
  key: Sampling,
): number | undefined {
  return call[key] ?? (reasoning && !explicit.has(key) ? undefined : config[key]);
}
