import type { ChatCompletion } from 'openai/resources/chat/completions';
import { ModelResponseError } from '../errors.js';
import type { ToolInputReader } from '../json/strict-tools.js';
import { createModelResponse, type ModelChoiceInit } from '../model-response.js';
import type { ContentBlock, ModelResponse, StopReason } from '../types.js';
import { mapLogprobs } from './map-logprobs.js';
import { mapUsage } from './map-usage.js';
import { parseToolArguments } from '../tool-arguments.js';

type Choice = ChatCompletion['choices'][number];

const STOP_REASONS: Record<string, StopReason> = {
  stop: 'end_turn',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  length: 'max_tokens',
  content_filter: 'content_filtered',
};

/**
 * Maps a chat completion to a `ModelResponse`: every choice (in `index` order) into `choices`,
 * the first one's fields on the response itself. `readToolInput` adjusts tool inputs (strict
 * tools' nulls).
 */
export function mapResponse(
  completion: ChatCompletion,
  stopSequences: string[] | undefined,
  readToolInput?: ToolInputReader,
): ModelResponse {
  const choices = [...(completion?.choices ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  if (choices.length === 0) {
    throw new ModelResponseError(
      'The provider returned a completion with no choices. Check that `baseUrl` points at an OpenAI-compatible ' +
        '/chat/completions endpoint; the raw body is on `error.cause`.',
      { cause: completion },
    );
  }
  const mapped = choices.map((choice) => mapChoice(choice, stopSequences, readToolInput));
  return createModelResponse({
    ...(mapped[0] as ModelChoiceInit),
    ...(typeof completion.id === 'string' && completion.id !== '' ? { id: completion.id } : {}),
    usage: mapUsage(completion.usage),
    raw: completion,
    ...(mapped.length > 1 ? { choices: mapped } : {}),
  });
}

/** The refusal text of each choice (structured outputs' `message.refusal`), in `index` order. */
export function refusalsOf(completion: ChatCompletion): (string | undefined)[] {
  return [...completion.choices]
    .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
    .map((choice) => choice.message?.refusal || undefined);
}

function mapChoice(
  choice: Choice,
  stopSequences: string[] | undefined,
  readToolInput: ToolInputReader | undefined,
): ModelChoiceInit {
  const message = choice.message ?? { content: null, refusal: null };
  const text = message.content ?? message.refusal ?? '';
  const toolUses: ContentBlock[] = (message.tool_calls ?? []).flatMap((call) => {
    if (call.type !== 'function') {
      return [];
    }
    const input = parseToolArguments(call.function.name, call.function.arguments);
    return [
      {
        toolUse: {
          toolUseId: call.id,
          name: call.function.name,
          input: readToolInput ? readToolInput(call.function.name, input) : input,
        },
      },
    ];
  });
  const reasoning = reasoningOf(message);
  const logprobs = mapLogprobs(choice.logprobs);
  return {
    content: toolUses.length > 0 ? [...(text ? [{ text }] : []), ...toolUses] : text,
    stopReason: stopReasonOf(choice, toolUses.length > 0, stopSequences, message.refusal),
    ...(reasoning === undefined ? {} : { reasoning }),
    ...(logprobs === undefined ? {} : { logprobs }),
  };
}

// OpenAI-compatible servers return reasoning text beside the answer: `reasoning_content`
// (DeepSeek, vLLM, llama.cpp) or `reasoning` (OpenRouter, Ollama, newer vLLM).
function reasoningOf(message: object): string | undefined {
  const { reasoning_content: content, reasoning } = message as { reasoning_content?: unknown; reasoning?: unknown };
  const text = typeof content === 'string' ? content : typeof reasoning === 'string' ? reasoning : undefined;
  return text === '' ? undefined : text;
}

function stopReasonOf(
  choice: Choice,
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
