import { contentBlocks } from '../model/message-content.js';
import type { Message } from '../model/types.js';

function toolUseIds(message: Message): Set<string> {
  const ids = new Set<string>();
  for (const block of contentBlocks(message.content)) {
    if ('toolUse' in block) {
      ids.add(block.toolUse.toolUseId);
    }
  }
  return ids;
}

/** True when the message holds tool results and nothing else (a `tool` turn). */
export function isToolResultsOnly(message: Message | undefined): boolean {
  if (message === undefined) {
    return false;
  }
  const blocks = contentBlocks(message.content);
  return blocks.length > 0 && blocks.every((block) => 'toolResult' in block);
}

/**
 * Splits a conversation into units that must be kept or dropped whole: an assistant message
 * with `toolUse` blocks and the user message right after it that answers one of those calls
 * form one unit; every other message is a unit of its own. Returns `[start, end)` index pairs
 * in order.
 * @example groupToolPairs([user, assistantToolUse, userToolResult, assistant]) // [[0, 1], [1, 3], [3, 4]]
 */
export function groupToolPairs(messages: readonly Message[]): Array<[number, number]> {
  const units: Array<[number, number]> = [];
  for (let index = 0; index < messages.length; index += 1) {
    const message = messages[index];
    const next = messages[index + 1];
    const ids = message?.role === 'assistant' ? toolUseIds(message) : new Set<string>();
    const answers =
      next?.role === 'user' &&
      contentBlocks(next.content).some((block) => 'toolResult' in block && ids.has(block.toolResult.toolUseId));
    units.push(answers ? [index, index + 2] : [index, index + 1]);
    if (answers) {
      index += 1;
    }
  }
  return units;
}
