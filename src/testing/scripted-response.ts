import { countMessageTokens } from '../tokens/count-message-tokens.js';
import { countTokens } from '../tokens/count-tokens.js';
import { addStrictNulls } from '../model/json/strict-nulls.js';
import { createModelResponse, createUsage } from '../model/model-response.js';
import type { OpenAIAPI } from '../model/openai-api.js';
import type { ContentBlock, JSONSchema, ModelResponse, StopReason } from '../model/types.js';
import { BUILT_CREATED, buildChatCompletion, type FinishReason } from './chat-completion-body.js';
import { buildResponseObject } from './responses-body.js';
import type { ScriptedCall } from './scripted-call.js';
import type { JsonStep, TextStep, ToolUseStep } from './script-steps.js';

const FINISH_REASONS: Record<StopReason, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  content_filtered: 'content_filter',
  tool_use: 'tool_calls',
};

/** How the Responses API reports a reply cut short, by stop reason. */
const INCOMPLETE: Partial<Record<StopReason, 'max_output_tokens' | 'content_filter'>> = {
  max_tokens: 'max_output_tokens',
  content_filtered: 'content_filter',
};

/** Estimated output tokens of a tool call's framing, as `countMessageTokens` counts it. */
const TOKENS_PER_TOOL_CALL = 3;

/** What the model needs to turn a step into a response. */
export interface ResponseContext {
  modelId: string;
  /** The API the scripted model stands in for: it decides the shape of `raw`. */
  api: OpenAIAPI;
  /** Makes the next deterministic tool-use id (`call_scripted_1`, ...). */
  nextToolUseId: () => string;
  /** For `getJson` in strict mode: the schema before the strict rewrite, to add strict mode's nulls. */
  strictSource?: JSONSchema | undefined;
}

/**
 * Turns an answering step into the `ModelResponse` OpenAIModel would return for the same
 * reply: `content` a string for text only, blocks with tool uses; usage from real token counts;
 * `raw` an OpenAI chat completion, or a Responses API response for `api: "responses"`, for code
 * that inspects it.
 */
export function buildScriptedResponse(
  step: TextStep | JsonStep | ToolUseStep,
  call: ScriptedCall,
  context: ResponseContext,
): ModelResponse {
  const { modelId } = context;
  // A JSON step answers as strict mode would: every property, optional ones left out as null.
  const text =
    step.kind === 'json'
      ? JSON.stringify(context.strictSource ? addStrictNulls(step.value, context.strictSource) : step.value)
      : (step.text ?? '');
  const scripted = step.kind === 'toolUse' ? step.toolUses : [];
  const toolUses = scripted.map((use) => ({
    toolUseId: use.toolUseId ?? context.nextToolUseId(),
    name: use.name,
    input: use.input,
  }));
  const stopReason: StopReason = step.kind === 'text' ? step.stopReason : toolUses.length > 0 ? 'tool_use' : 'end_turn';
  const content: string | ContentBlock[] =
    toolUses.length > 0
      ? [
          ...(text ? [{ text }] : []),
          ...toolUses.map((toolUse, index) => {
            const state = scripted[index]?.providerState;
            return state ? { toolUse, providerState: state } : { toolUse };
          }),
        ]
      : text;
  const inputTokens = countMessageTokens(
    call.messages,
    call.systemPrompt === undefined ? { modelId } : { modelId, systemPrompt: call.systemPrompt },
  );
  const outputTokens = toolUses.reduce(
    (sum, use) =>
      sum + TOKENS_PER_TOOL_CALL + countTokens(use.name, modelId) + countTokens(JSON.stringify(use.input), modelId),
    countTokens(text, modelId),
  );
  const usage = createUsage(inputTokens, outputTokens);
  const raw =
    context.api === 'responses'
      ? buildResponseObject({
          id: `resp_scripted_${call.index + 1}`,
          model: modelId,
          ...(text || toolUses.length === 0 ? { text } : {}),
          toolCalls: toolUses.map((use) => ({ id: use.toolUseId, name: use.name, arguments: use.input })),
          ...(step.reasoning === undefined ? {} : { reasoning: step.reasoning }),
          ...(INCOMPLETE[stopReason] ? { incomplete: INCOMPLETE[stopReason] } : {}),
          promptTokens: inputTokens,
          completionTokens: outputTokens,
        })
      : buildChatCompletion({
          id: `chatcmpl-scripted-${call.index + 1}`,
          created: BUILT_CREATED,
          model: modelId,
          text: text || (toolUses.length > 0 ? null : ''),
          toolCalls: toolUses.map((use) => ({
            id: use.toolUseId,
            type: 'function',
            function: { name: use.name, arguments: JSON.stringify(use.input) },
          })),
          finishReason: FINISH_REASONS[stopReason],
          ...(step.reasoning === undefined ? {} : { reasoning: step.reasoning }),
          promptTokens: inputTokens,
          completionTokens: outputTokens,
        });
  return createModelResponse({
    id: String(raw['id']),
    content,
    stopReason,
    ...(step.reasoning === undefined ? {} : { reasoning: step.reasoning }),
    usage,
    raw,
  });
}
