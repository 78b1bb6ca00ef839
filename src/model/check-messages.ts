import { invalid } from './content-sources.js';
import type { Message } from './types.js';

/**
 * Checks the messages of a call before any wire format maps them: a non-empty list of
 * `{ role: "user" | "assistant", content }`, content as blocks or a string. Throws
 * `ModelConfigurationError` naming the message at fault. It allocates nothing, since it runs
 * over the whole conversation on every call.
 */
export function checkMessages(messages: Message[]): void {
  if (!Array.isArray(messages) || messages.length === 0) {
    throw invalid('messages', 'must be a non-empty list such as [{ role: "user", content: [{ text: "Hello" }] }]');
  }
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index];
    if (!message || !(Array.isArray(message.content) || typeof message.content === 'string')) {
      throw invalid(`messages[${index}]`, 'must be { role, content: ContentBlock[] | string }');
    }
    if (message.role !== 'assistant' && message.role !== 'user') {
      throw invalid(
        `messages[${index}].role`,
        `must be "user" or "assistant", got "${String(message.role)}" (use \`systemPrompt\` for system text)`,
      );
    }
  }
}
