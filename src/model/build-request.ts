import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { OpenAIModelConfig } from './config.js';
import { validateExtraParams, validateGenerationOptions } from './config.js';
import { ModelConfigurationError } from './errors.js';
import { mapMessages } from './map-messages.js';
import { mapToolChoice, mapTools } from './map-tools.js';
import type { GetTextRequest } from './types.js';

/** The per-call part of a request: `getText`'s arguments plus `extraParams` and a response format. */
export interface CallOptions extends GetTextRequest {
  extraParams?: Record<string, unknown>;
  responseFormat?: ChatCompletionCreateParamsNonStreaming['response_format'];
}

const CALL_KEYS: ReadonlySet<string> = new Set([
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
  'extraParams',
  'jsonSchema',
  'schemaName',
  'responseFormat',
]);

/**
 * Reasoning models (o1, o3, o4, gpt-5) reject `max_tokens` and non-default sampling values, so for
 * them sampling options are sent only when the user set them explicitly.
 */
function isReasoningModel(modelId: string): boolean {
  return /^(o\d|gpt-5)(?!.*chat)/.test(modelId);
}

/** Builds the chat completions body from the model configuration and one call's options. */
export function buildRequest(
  config: OpenAIModelConfig,
  explicit: ReadonlySet<string>,
  call: CallOptions,
): ChatCompletionCreateParamsNonStreaming {
  const unknown = Object.keys(call).find((key) => !CALL_KEYS.has(key));
  if (unknown) {
    throw new ModelConfigurationError(
      `Unknown call option \`${unknown}\`. Per-call options are the generation options (\`temperature\`, \`maxTokens\`, ...), ` +
        '`systemPrompt`, `toolSpecs`, `toolChoice`, `extraParams` and `signal`.',
      { option: unknown },
    );
  }
  validateGenerationOptions(call as unknown as Record<string, unknown>);
  validateExtraParams(call.extraParams);
  const reasoning = isReasoningModel(config.modelId);
  const pick = <K extends 'temperature' | 'topP' | 'frequencyPenalty' | 'presencePenalty'>(
    key: K,
  ): number | undefined => call[key] ?? (reasoning && !explicit.has(key) ? undefined : config[key]);
  const maxTokens = call.maxTokens ?? config.maxTokens;
  const stop = call.stopSequences ?? config.stopSequences;
  const body: Record<string, unknown> = {
    model: config.modelId,
    messages: mapMessages(call.messages, call.systemPrompt),
    temperature: pick('temperature'),
    top_p: pick('topP'),
    frequency_penalty: pick('frequencyPenalty'),
    presence_penalty: pick('presencePenalty'),
    [reasoning ? 'max_completion_tokens' : 'max_tokens']: maxTokens,
    stop: stop && stop.length > 0 ? stop : undefined,
    tools: mapTools(call.toolSpecs),
    tool_choice: mapToolChoice(call.toolChoice, call.toolSpecs),
    response_format: call.responseFormat,
    ...config.extraParams,
    ...call.extraParams,
  };
  // Unset fields are left out, so the request (and its cassette hash) holds only what was chosen.
  for (const key of Object.keys(body)) {
    if (body[key] === undefined) {
      delete body[key];
    }
  }
  return body as unknown as ChatCompletionCreateParamsNonStreaming;
}
