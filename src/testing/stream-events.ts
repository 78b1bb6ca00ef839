import type { ModelResponse, ModelStreamEvent } from '../model/types.js';
import { splitArguments, splitForStream } from './split-text.js';

/**
 * The events `OpenAIModel.stream` would yield for `response`, in its order: text deltas (the
 * text split before each word, as the API streams it), each tool use opened and its input JSON
 * in short deltas, then every complete `toolUse`, then the `response` itself. Deterministic, so
 * a scripted stream is the same on every run.
 */
export function streamEventsOf(response: ModelResponse): ModelStreamEvent[] {
  const events: ModelStreamEvent[] = [];
  const blocks = typeof response.content === 'string' ? [{ text: response.content }] : response.content;
  for (const block of blocks) {
    if ('text' in block) {
      events.push(...splitForStream(block.text).map((text): ModelStreamEvent => ({ type: 'text', text })));
    } else if ('toolUse' in block) {
      const { toolUseId, name, input } = block.toolUse;
      events.push({ type: 'toolUseStart', toolUseId, name });
      events.push(
        ...splitArguments(JSON.stringify(input)).map((inputDelta): ModelStreamEvent => ({
          type: 'toolUseDelta',
          toolUseId,
          inputDelta,
        })),
      );
    }
  }
  events.push(...response.toolUses.map((toolUse): ModelStreamEvent => ({ type: 'toolUse', toolUse })));
  events.push({ type: 'response', response });
  return events;
}
