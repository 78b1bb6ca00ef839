import { invalid } from './content-sources.js';
import { contentBlocks } from './message-content.js';
import type { ContentBlock, Message } from './types.js';

/** One message of a call, checked: its role, its content as blocks, and where it is. */
export interface CheckedTurn {
  role: 'user' | 'assistant';
  blocks: ContentBlock[];
  index: number;
}

/**
 * The messages of a call, checked before any wire format maps them: a non-empty list of
 * `{ role: "user" | "assistant", content }`, content as blocks. Throws `ModelConfigurationError`
 * naming the message at fault.
 */
export function checkedTurns(messages: Message[]): CheckedTurn[] {
  if (!Array.isArray(messages) || messages.length === 0) {
    throw invalid('messages', 'must be a non-empty list such as [{ role: "user", content: [{ text: "Hello" }] }]');
  }
  return messages.map((message, index) => {
    if (!message || !(Array.isArray(message.content) || typeof message.content === 'string')) {
      throw invalid(`messages[${index}]`, 'must be { role, content: ContentBlock[] | string }');
    }
    if (message.role !== 'assistant' && message.role !== 'user') {
      throw invalid(
        `messages[${index}].role`,
        `must be "user" or "assistant", got "${String(message.role)}" (use \`systemPrompt\` for system text)`,
      );
    }
    return { role: message.role, blocks: contentBlocks(message.content), index };
  });
}
