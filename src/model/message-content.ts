import type { ContentBlock, Message } from './types.js';

/** A message's content as blocks: a string stands for one `{ text }` block. */
export function contentBlocks(content: string | ContentBlock[]): ContentBlock[] {
  return typeof content === 'string' ? [{ text: content }] : content;
}

/** The message with its content as blocks (the same object when it already is). */
export function withBlocks(message: Message): Message<ContentBlock[]> {
  return typeof message.content === 'string'
    ? { ...message, content: contentBlocks(message.content) }
    : (message as Message<ContentBlock[]>);
}
