import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { ModelStreamEvent } from './types.js';

interface PartialToolCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * Folds streamed chat completion chunks into events and, at the end, into the `ChatCompletion`
 * the same stream would have been without `stream: true`, so one mapping serves both.
 */
export class StreamAccumulator {
  #text = '';
  #refusal = '';
  #toolCalls = new Map<number, PartialToolCall>();
  #finishReason: ChatCompletion['choices'][number]['finish_reason'] | null = null;
  #first: ChatCompletionChunk | undefined;
  #usage: ChatCompletion['usage'] | undefined;

  /** Takes one chunk; returns the events it produced. */
  add(chunk: ChatCompletionChunk): ModelStreamEvent[] {
    this.#first ??= chunk;
    this.#usage = chunk.usage ?? this.#usage;
    const events: ModelStreamEvent[] = [];
    for (const choice of chunk.choices ?? []) {
      if (choice.index !== 0) {
        continue;
      }
      const delta = choice.delta ?? {};
      if (delta.content) {
        this.#text += delta.content;
        events.push({ type: 'text', text: delta.content });
      }
      if (delta.refusal) {
        this.#refusal += delta.refusal;
      }
      for (const call of delta.tool_calls ?? []) {
        let partial = this.#toolCalls.get(call.index);
        if (!partial) {
          partial = { id: call.id ?? `call_${call.index}`, name: call.function?.name ?? '', arguments: '' };
          this.#toolCalls.set(call.index, partial);
          events.push({ type: 'toolUseStart', toolUseId: partial.id, name: partial.name });
        }
        if (call.function?.arguments) {
          partial.arguments += call.function.arguments;
          events.push({ type: 'toolUseDelta', toolUseId: partial.id, inputDelta: call.function.arguments });
        }
      }
      this.#finishReason = choice.finish_reason ?? this.#finishReason;
    }
    return events;
  }

  /** The completion the chunks add up to. */
  toCompletion(): ChatCompletion {
    const toolCalls = [...this.#toolCalls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, call]) => ({
        id: call.id,
        type: 'function' as const,
        function: { name: call.name, arguments: call.arguments },
      }));
    return {
      id: this.#first?.id ?? 'chatcmpl-stream',
      object: 'chat.completion',
      created: this.#first?.created ?? 0,
      model: this.#first?.model ?? '',
      choices: [
        {
          index: 0,
          finish_reason: this.#finishReason ?? 'stop',
          logprobs: null,
          message: {
            role: 'assistant',
            content: this.#text || (toolCalls.length > 0 || this.#refusal ? null : ''),
            refusal: this.#refusal || null,
            ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          },
        },
      ],
      ...(this.#usage ? { usage: this.#usage } : {}),
    };
  }
}
