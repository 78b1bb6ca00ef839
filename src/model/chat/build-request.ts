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
  put(body, 'temperature', options.temperature);
  put(body, 'top_p', options.topP);
  put(body, 'frequency_penalty', options.frequencyPenalty);
  put(body, 'presence_penalty', options.presencePenalty);
  put(body, reasoning ? 'max_completion_tokens' : 'max_tokens', options.maxTokens);
  put(body, 'stop', stop && stop.length > 0 ? stop : undefined);
  put(body, 'n', options.n);
  put(body, 'logprobs', logprobs === undefined || logprobs === false ? undefined : true);
  put(body, 'top_logprobs', typeof logprobs === 'number' ? logprobs : undefined);
  put(body, 'reasoning_effort', options.reasoningEffort);
  put(body, 'verbosity', options.verbosity);
  put(body, 'tools', tools);
  put(body, 'tool_choice', mapToolChoice(call.toolChoice, call.toolSpecs));
  // OpenAI rejects `parallel_tool_calls` on a request without tools.
  put(body, 'parallel_tool_calls', tools ? options.parallelToolCalls : undefined);
  put(body, 'response_format', json ? responseFormat(json) : undefined);
  for (const [key, value] of Object.entries(options.extraParams)) {
    put(body, key, value);
  }
  return body as unknown as ChatCompletionCreateParamsNonStreaming;
}

// Sets `body[key]` when there is a value (a function, not a closure made on every call).
function put(body: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) {
    body[key] = value;
  }
}

function responseFormat(plan: JsonOutputPlan): ResponseFormatJSONSchema | ResponseFormatJSONObject {
  if (!plan.format) {
    return { type: 'json_object' };
  }
  const { name, schema, strict } = plan.format;
  return { type: 'json_schema', json_schema: { name, schema, strict } };
}
