import { contentBlocks } from '../model/message-content.js';
import type { Message, ToolResultBlock } from '../model/types.js';

/** The text of the last user message that has text (tool-result turns are skipped). */
export function lastUserText(messages: readonly Message[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role !== 'user') {
      continue;
    }
    const texts = contentBlocks(message.content).flatMap((block) => ('text' in block ? [block.text] : []));
    if (texts.length > 0) {
      return texts.join('\n');
    }
  }
  return undefined;
}

/** The tool results carried by the last message, in order (empty when it holds none). */
export function lastToolResults(messages: readonly Message[]): ToolResultBlock['toolResult'][] {
  const last = messages.at(-1);
  return last?.role === 'user'
    ? contentBlocks(last.content).flatMap((block) => ('toolResult' in block ? [block.toolResult] : []))
    : [];
}

/** A short quoted excerpt for error messages. */
export function excerpt(text: string, max: number = 40): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

/** Any value as JSON text cut to `max` characters, for error messages and step descriptions. */
export function preview(value: unknown, max: number = 60): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
