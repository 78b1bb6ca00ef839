import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { ResponseFormatJSONObject, ResponseFormatJSONSchema } from 'openai/resources/shared';
import type { ResolvedCall } from '../call-options.js';
import type { OpenAIModelConfig } from '../config.js';
import type { JsonOutputPlan } from '../json/json-output-plan.js';
import type { GetTextRequest } from '../types.js';
import { mapMessages } from './map-messages.js';
import { mapToolChoice, mapTools } from './map-tools.js';

/**
 * Builds the chat completions body of one call from its resolved options (`resolveCall`), its
 * messages and tools, and, for `getJson`, its JSON plan. Unset options are left out, so the
 * request (and its cassette hash) holds only what was chosen.
 */
export function buildChatRequest(
  config: OpenAIModelConfig,
  options: ResolvedCall,
  call: GetTextRequest,
  json?: JsonOutputPlan,
): ChatCompletionCreateParamsNonStreaming {
  const { stopSequences: stop, logprobs, reasoning } = options;
  const tools = mapTools(call.toolSpecs, options.strictTools);
  const body: Record<string, unknown> = {
    model: config.modelId,
    messages: mapMessages(call.messages, call.systemPrompt, reasoning ? 'developer' : 'system'),
    temperature: options.temperature,
    top_p: options.topP,
    frequency_penalty: options.frequencyPenalty,
    presence_penalty: options.presencePenalty,
    [reasoning ? 'max_completion_tokens' : 'max_tokens']: options.maxTokens,
    stop: stop && stop.length > 0 ? stop : undefined,
    n: options.n,
    logprobs: logprobs === undefined || logprobs === false ? undefined : true,
    top_logprobs: typeof logprobs === 'number' ? logprobs : undefined,
    reasoning_effort: options.reasoningEffort,
    verbosity: options.verbosity,
    tools,
    tool_choice: mapToolChoice(call.toolChoice, call.toolSpecs),
    // OpenAI rejects `parallel_tool_calls` on a request without tools.
    parallel_tool_calls: tools ? options.parallelToolCalls : undefined,
    response_format: json ? responseFormat(json) : undefined,
    ...options.extraParams,
  };
  for (const key of Object.keys(body)) {
    if (body[key] === undefined) {
      delete body[key];
    }
  }
  return body as unknown as ChatCompletionCreateParamsNonStreaming;
}

function responseFormat(plan: JsonOutputPlan): ResponseFormatJSONSchema | ResponseFormatJSONObject {
  if (!plan.format) {
    return { type: 'json_object' };
  }
  const { name, schema, strict } = plan.format;
  return { type: 'json_schema', json_schema: { name, schema, strict } };
}
