import type { SseEvent } from '../../cassette/types.js';
import { outputInOrder, outputMessage } from './completion-view.js';
import { eventJson, isObject, stringOf } from './content-text.js';
import type { ResponseView } from './types.js';
import { usageOf } from './usage.js';

/**
 * A Responses API stream that ended without its final `response.completed` (cut off, or
 * recorded so): the output items it finished, plus the text, reasoning summary and arguments
 * of the item still streaming when it stopped. A complete stream ends with an event holding
 * the whole response, and `streamView` reads that instead.
 */
export function responsesStreamView(status: number, events: readonly SseEvent[]): ResponseView {
  const items = new Map<number, Record<string, unknown>>();
  let usage: ResponseView['usage'];
  const itemAt = (json: Record<string, unknown>): Record<string, unknown> => {
    const index = typeof json['output_index'] === 'number' ? json['output_index'] : items.size;
    const item = items.get(index) ?? { type: 'message', content: [{ type: 'output_text', text: '' }] };
    items.set(index, item);
    return item;
  };
  for (const event of events) {
    const json = eventJson(event);
    if (!isObject(json)) {
      continue;
    }
    const response = isObject(json['response']) ? json['response'] : undefined;
    usage = usageOf(response?.['usage']) ?? usage;
    const delta = stringOf(json['delta']) ?? '';
    switch (json['type']) {
      case 'response.output_item.added':
      case 'response.output_item.done':
        if (isObject(json['item'])) {
          // A copy: deltas extend it, and the cassette's own events must stay as they are.
          items.set(
            typeof json['output_index'] === 'number' ? json['output_index'] : items.size,
            structuredClone(json['item']),
          );
        }
        break;
      case 'response.output_text.delta':
        appendText(itemAt(json), 'content', 'output_text', delta);
        break;
      case 'response.reasoning_summary_text.delta':
        appendText(itemAt(json), 'summary', 'summary_text', delta);
        break;
      case 'response.function_call_arguments.delta': {
        const item = itemAt(json);
        item['arguments'] = `${stringOf(item['arguments']) ?? ''}${delta}`;
        break;
      }
    }
  }
  const output = [...items.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
  const ordered = outputInOrder(output);
  return {
    status,
    stream: true,
    reply: outputMessage(output),
    ...(ordered ? { output: ordered } : {}),
    finishReason: 'stream cut off',
    ...(usage ? { usage } : {}),
  };
}

// Deltas extend the last part of a list (`content` of a message, `summary` of reasoning).
function appendText(item: Record<string, unknown>, list: string, type: string, delta: string): void {
  const parts = Array.isArray(item[list]) ? (item[list] as unknown[]) : [];
  const last = parts.at(-1);
  if (isObject(last) && last['type'] === type) {
    last['text'] = `${stringOf(last['text']) ?? ''}${delta}`;
  } else {
    parts.push({ type, text: delta });
  }
  item[list] = parts;
}
