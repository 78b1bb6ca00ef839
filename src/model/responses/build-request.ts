import type { ResponseCreateParamsNonStreaming, ResponseTextConfig } from 'openai/resources/responses/responses';
import type { ResolvedCall } from '../call-options.js';
import type { OpenAIModelConfig } from '../config.js';
import type { JsonOutputPlan } from '../json/json-output-plan.js';
import type { GetTextRequest } from '../types.js';
import { mapInput } from './map-input.js';
import { mapToolChoice, mapTools } from './map-tools.js';

/**
 * Builds the Responses API body of one call from its resolved options (`resolveCall`), its
 * messages and tools, and, for `getJson`, its JSON plan. The system prompt is `instructions`,
 * which the API applies to this response only, so it is sent again on every call, also with
 * `previousResponseId`. Options the API has no field for were refused before (`assertApiSupports`).
 */
export function buildResponsesRequest(
  config: OpenAIModelConfig,
  options: ResolvedCall,
  call: GetTextRequest,
  json?: JsonOutputPlan,
): ResponseCreateParamsNonStreaming {
  const { logprobs, reasoning, store } = options;
  const tools = mapTools(call.toolSpecs, options.strictTools);
  const body: Record<string, unknown> = { model: config.modelId, input: mapInput(call.messages, store) };
  // Only what was chosen goes in, so the request (and its cassette hash) holds nothing else.
  const logprobsOn = logprobs !== undefined && logprobs !== false;
  put(body, 'instructions', call.systemPrompt || undefined);
  put(body, 'previous_response_id', options.previousResponseId);
  put(body, 'temperature', options.temperature);
  put(body, 'top_p', options.topP);
  put(body, 'max_output_tokens', options.maxTokens);
  put(body, 'reasoning', reasoningConfig(options));
  put(body, 'text', textConfig(options, json));
  put(body, 'top_logprobs', typeof logprobs === 'number' ? logprobs : undefined);
  put(body, 'tools', tools);
  put(body, 'tool_choice', mapToolChoice(call.toolChoice, call.toolSpecs));
  // As on chat completions, `parallel_tool_calls` goes only with tools.
  put(body, 'parallel_tool_calls', tools ? options.parallelToolCalls : undefined);
  put(body, 'store', store);
  const { include: extraInclude, ...extra } = options.extraParams;
  put(
    body,
    'include',
    includes([
      // Without stored items, a reasoning model's reasoning comes back only if asked for, encrypted.
      store === false && reasoning ? 'reasoning.encrypted_content' : undefined,
      logprobsOn ? 'message.output_text.logprobs' : undefined,
      ...(Array.isArray(extraInclude) ? (extraInclude as unknown[]) : []),
    ]),
  );
  for (const [key, value] of Object.entries(extra)) {
    put(body, key, value);
  }
  return body as unknown as ResponseCreateParamsNonStreaming;
}

// Sets `body[key]` when there is a value (a function, not a closure made on every call).
function put(body: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) {
    body[key] = value;
  }
}

function reasoningConfig({ reasoningEffort, reasoningSummary }: ResolvedCall): object | undefined {
  if (reasoningEffort === undefined && reasoningSummary === undefined) {
    return undefined;
  }
  return {
    ...(reasoningEffort === undefined ? {} : { effort: reasoningEffort }),
    ...(reasoningSummary === undefined ? {} : { summary: reasoningSummary }),
  };
}

// `text` holds both the output format (`getJson`) and the verbosity.
function textConfig({ verbosity }: ResolvedCall, json: JsonOutputPlan | undefined): ResponseTextConfig | undefined {
  const format: ResponseTextConfig['format'] | undefined = !json
    ? undefined
    : json.format
      ? { type: 'json_schema', ...json.format }
      : { type: 'json_object' };
  if (format === undefined && verbosity === undefined) {
    return undefined;
  }
  return { ...(format ? { format } : {}), ...(verbosity === undefined ? {} : { verbosity }) };
}

// Each entry once, in order; undefined when there is none.
function includes(entries: unknown[]): string[] | undefined {
  const unique = [...new Set(entries.filter((entry): entry is string => typeof entry === 'string'))];
  return unique.length > 0 ? unique : undefined;
}
