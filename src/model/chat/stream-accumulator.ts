import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionTokenLogprob,
} from 'openai/resources/chat/completions';
import type { ModelStreamEvent } from '../types.js';

interface PartialToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** What the deltas of one choice add up to. */
class ChoiceParts {
  text = '';
  refusal = '';
  reasoning = '';
  logprobs: ChatCompletionTokenLogprob[] | undefined;
  toolCalls = new Map<number, PartialToolCall>();
  finishReason: ChatCompletion['choices'][number]['finish_reason'] | null = null;
}

/**
 * Folds streamed chat completion chunks into events and, at the end, into the `ChatCompletion`
 * the same stream would have been without `stream: true`, so one mapping serves both. With
 * `n` > 1 every choice is folded; events are those of the first choice.
 */
export class StreamAccumulator {
  #choices = new Map<number, ChoiceParts>();
  #first: ChatCompletionChunk | undefined;
  #usage: ChatCompletion['usage'] | undefined;

  /** Takes one chunk; returns the events it produced. */
  add(chunk: ChatCompletionChunk): ModelStreamEvent[] {
    this.#first ??= chunk;
    this.#usage = chunk.usage ?? this.#usage;
    const events: ModelStreamEvent[] = [];
    for (const choice of chunk.choices ?? []) {
      const index = choice.index ?? 0;
      let parts = this.#choices.get(index);
      if (!parts) {
        parts = new ChoiceParts();
        this.#choices.set(index, parts);
      }
      const emitted = this.#addDelta(parts, choice);
      if (index === 0) {
        events.push(...emitted);
      }
    }
    return events;
  }

  #addDelta(parts: ChoiceParts, choice: ChatCompletionChunk['choices'][number]): ModelStreamEvent[] {
    const events: ModelStreamEvent[] = [];
    const delta = (choice.delta ?? {}) as ChatCompletionChunk['choices'][number]['delta'] & {
      reasoning_content?: unknown;
      reasoning?: unknown;
    };
    if (delta.content) {
      parts.text += delta.content;
      events.push({ type: 'text', text: delta.content });
    }
    if (delta.refusal) {
      parts.refusal += delta.refusal;
    }
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (typeof reasoning === 'string') {
      parts.reasoning += reasoning;
    }
    if (choice.logprobs?.content) {
      parts.logprobs = [...(parts.logprobs ?? []), ...choice.logprobs.content];
    }
    for (const call of delta.tool_calls ?? []) {
      let partial = parts.toolCalls.get(call.index);
      if (!partial) {
        partial = { id: call.id ?? `call_${call.index}`, name: call.function?.name ?? '', arguments: '' };
        parts.toolCalls.set(call.index, partial);
        events.push({ type: 'toolUseStart', toolUseId: partial.id, name: partial.name });
      }
      if (call.function?.arguments) {
        partial.arguments += call.function.arguments;
        events.push({ type: 'toolUseDelta', toolUseId: partial.id, inputDelta: call.function.arguments });
      }
    }
    parts.finishReason = choice.finish_reason ?? parts.finishReason;
    return events;
  }

  /** The completion the chunks add up to. */
  toCompletion(): ChatCompletion {
    const indexes = this.#choices.size > 0 ? [...this.#choices.keys()].sort((a, b) => a - b) : [0];
    return {
      id: this.#first?.id ?? 'chatcmpl-stream',
      object: 'chat.completion',
      created: this.#first?.created ?? 0,
      model: this.#first?.model ?? '',
      choices: indexes.map((index) => foldChoice(index, this.#choices.get(index) ?? new ChoiceParts())),
      ...(this.#usage ? { usage: this.#usage } : {}),
    };
  }
}

function foldChoice(index: number, parts: ChoiceParts): ChatCompletion['choices'][number] {
  const toolCalls = [...parts.toolCalls.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, call]) => ({
      id: call.id,
      type: 'function' as const,
      function: { name: call.name, arguments: call.arguments },
    }));
  return {
    index,
    finish_reason: parts.finishReason ?? 'stop',
    logprobs: parts.logprobs ? { content: parts.logprobs, refusal: null } : null,
    message: {
      role: 'assistant',
      content: parts.text || (toolCalls.length > 0 || parts.refusal ? null : ''),
      refusal: parts.refusal || null,
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
      ...(parts.reasoning ? { reasoning_content: parts.reasoning } : {}),
    },
  };
}
