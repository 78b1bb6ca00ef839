import type { ChatCompletionContentPart, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { checkMessages } from '../check-messages.js';
import { invalid } from '../content-sources.js';
import { contentBlocks } from '../message-content.js';
import type { ContentBlock, Message } from '../types.js';
import { toolResultText } from '../tool-result-text.js';
import { mapAudio, mapDocument, mapImage } from './map-content.js';

/** How the system prompt is sent: `developer` for reasoning models, `system` for the rest. */
export type SystemRole = 'system' | 'developer';

type ToolCall = { id: string; type: 'function'; function: { name: string; arguments: string } };

/**
 * Maps spark messages to chat completions messages: tool results become `tool` messages (placed
 * before the rest of the user turn, as the API requires), tool uses become `tool_calls`.
 */
export function mapMessages(
  messages: Message[],
  systemPrompt: string | undefined,
  systemRole: SystemRole = 'system',
): ChatCompletionMessageParam[] {
  checkMessages(messages);
  // @note The whole conversation is mapped on every call: plain loops that append to one list,
  // with no intermediate lists, closures or block paths unless a block is refused.
  const mapped: ChatCompletionMessageParam[] = systemPrompt ? [{ role: systemRole, content: systemPrompt }] : [];
  for (let index = 0; index < messages.length; index++) {
    const { role, content } = messages[index] as Message;
    const blocks = contentBlocks(content);
    if (role === 'assistant') {
      mapped.push(mapAssistant(blocks, index));
    } else {
      mapUser(blocks, index, mapped);
    }
  }
  return mapped;
}

function mapAssistant(blocks: ContentBlock[], index: number): ChatCompletionMessageParam {
  let text: string | undefined;
  let toolCalls: ToolCall[] | undefined;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b] as ContentBlock;
    if ('text' in block) {
      // As `join('')` would: a missing text counts as empty.
      text = (text ?? '') + (block.text ?? '');
    } else if ('toolUse' in block) {
      const { toolUseId, name, input } = block.toolUse;
      (toolCalls ??= []).push({
        id: toolUseId,
        type: 'function',
        function: { name, arguments: JSON.stringify(input ?? {}) },
      });
    } else {
      throw invalid(`messages[${index}].content[${b}]`, 'an assistant turn may hold only `text` and `toolUse` blocks');
    }
  }
  return toolCalls
    ? { role: 'assistant', content: text ?? null, tool_calls: toolCalls }
    : { role: 'assistant', content: text ?? null };
}

// Appends the user turn to `mapped`: its tool results first, then one user message with the rest.
function mapUser(blocks: ContentBlock[], index: number, mapped: ChatCompletionMessageParam[]): void {
  let parts: ChatCompletionContentPart[] | undefined;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b] as ContentBlock;
    if ('toolResult' in block) {
      mapped.push({ role: 'tool', tool_call_id: block.toolResult.toolUseId, content: toolResultText(block) });
    } else if ('text' in block) {
      (parts ??= []).push({ type: 'text', text: block.text });
    } else {
      (parts ??= []).push(mapMedia(block, `messages[${index}].content[${b}]`));
    }
  }
  if (parts === undefined) {
    return;
  }
  // A lone text part goes as a plain string: every OpenAI-compatible server accepts that form.
  const only = parts[0];
  mapped.push({ role: 'user', content: parts.length === 1 && only?.type === 'text' ? only.text : parts });
}

function mapMedia(block: ContentBlock, path: string): ChatCompletionContentPart {
  if ('image' in block) {
    return mapImage(block, path);
  }
  if ('audio' in block) {
    return mapAudio(block, path);
  }
  if ('document' in block) {
    return mapDocument(block, path);
  }
  throw invalid(path, 'a user turn holds `text`, `image`, `audio`, `document` or `toolResult` blocks');
}
