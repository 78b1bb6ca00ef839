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
 * messages and tools, and, for `getJson`, its JSON plan.
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
  };
  // Only what was chosen goes in, so the request (and its cassette hash) holds nothing else.
  // Assigned one by one rather than deleted afterwards, which keeps the object fast to serialise.
  const put = (key: string, value: unknown): void => {
    if (value !== undefined) {
      body[key] = value;
    }
  };
  put('temperature', options.temperature);
  put('top_p', options.topP);
  put('frequency_penalty', options.frequencyPenalty);
  put('presence_penalty', options.presencePenalty);
  put(reasoning ? 'max_completion_tokens' : 'max_tokens', options.maxTokens);
  put('stop', stop && stop.length > 0 ? stop : undefined);
  put('n', options.n);
  put('logprobs', logprobs === undefined || logprobs === false ? undefined : true);
  put('top_logprobs', typeof logprobs === 'number' ? logprobs : undefined);
  put('reasoning_effort', options.reasoningEffort);
  put('verbosity', options.verbosity);
  put('tools', tools);
  put('tool_choice', mapToolChoice(call.toolChoice, call.toolSpecs));
  // OpenAI rejects `parallel_tool_calls` on a request without tools.
  put('parallel_tool_calls', tools ? options.parallelToolCalls : undefined);
  put('response_format', json ? responseFormat(json) : undefined);
  for (const [key, value] of Object.entries(options.extraParams)) {
    put(key, value);
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
