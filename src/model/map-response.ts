import type { ChatCompletion } from 'openai/resources/chat/completions';
import { ModelResponseError } from './errors.js';
import { createModelResponse, createUsage } from './model-response.js';
import type { ContentBlock, ModelResponse, StopReason } from './types.js';

const STOP_REASONS: Record<string, StopReason> = {
  stop: 'end_turn',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  length: 'max_tokens',
  content_filter: 'content_filtered',
};

/** Maps a chat completion to a `ModelResponse`. */
export function mapResponse(completion: ChatCompletion, stopSequences: string[] | undefined): ModelResponse {
  const choice = completion?.choices?.[0];
  if (!choice) {
    throw new ModelResponseError(
      'The provider returned a completion with no choices. Check that `baseUrl` points at an OpenAI-compatible ' +
        '/chat/completions endpoint; the raw body is on `error.cause`.',
      { cause: completion },
    );
  }
  const message = choice.message;
  const text = message.content ?? message.refusal ?? '';
  const toolUses: ContentBlock[] = (message.tool_calls ?? []).flatMap((call) =>
    call.type === 'function'
      ? [
          {
            toolUse: {
              toolUseId: call.id,
              name: call.function.name,
              input: parseToolArguments(call.function.name, call.function.arguments),
            },
          },
        ]
      : [],
  );
  const usage = createUsage(completion.usage?.prompt_tokens ?? 0, completion.usage?.completion_tokens ?? 0);
  return createModelResponse({
    content: toolUses.length > 0 ? [...(text ? [{ text }] : []), ...toolUses] : text,
    stopReason: stopReasonOf(choice, toolUses.length > 0, stopSequences, message.refusal),
    usage: completion.usage?.total_tokens ? { ...usage, totalTokens: completion.usage.total_tokens } : usage,
    raw: completion,
  });
}

function stopReasonOf(
  choice: ChatCompletion['choices'][number],
  hasToolUses: boolean,
  stopSequences: string[] | undefined,
  refusal: string | null | undefined,
): StopReason {
  if (refusal) {
    return 'content_filtered';
  }
  // Some servers (Ollama) report tool calls with finish_reason "stop".
  if (hasToolUses) {
    return 'tool_use';
  }
  // vLLM names the stop string that ended generation in `stop_reason`.
  const matched = (choice as { stop_reason?: unknown }).stop_reason;
  if (typeof matched === 'string' && stopSequences?.includes(matched)) {
    return 'stop_sequence';
  }
  return STOP_REASONS[choice.finish_reason] ?? 'end_turn';
}

/** Parses a tool call's JSON arguments; a malformed string gives an error that quotes it. */
function parseToolArguments(name: string, args: string): Record<string, unknown> {
  if (args === undefined || args.trim() === '') {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch (error) {
    throw new ModelResponseError(
      `The model called tool "${name}" with arguments that are not valid JSON: ${quote(args)} ` +
        `(${(error as Error).message}). Retry the call, or lower \`temperature\`.`,
      { cause: error },
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ModelResponseError(
      `The model called tool "${name}" with arguments that are not a JSON object: ${quote(args)}. Retry the call.`,
    );
  }
  return parsed as Record<string, unknown>;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}
