import type { ChatCompletionContentPart, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { checkedTurns } from '../checked-turns.js';
import type { ContentBlock, Message } from '../types.js';
import { invalid } from '../content-sources.js';
import { toolResultText } from '../tool-result-text.js';
import { mapAudio, mapDocument, mapImage } from './map-content.js';

/** How the system prompt is sent: `developer` for reasoning models, `system` for the rest. */
export type SystemRole = 'system' | 'developer';

/**
 * Maps spark messages to chat completions messages: tool results become `tool` messages (placed
 * before the rest of the user turn, as the API requires), tool uses become `tool_calls`.
 */
export function mapMessages(
  messages: Message[],
  systemPrompt: string | undefined,
  systemRole: SystemRole = 'system',
): ChatCompletionMessageParam[] {
  const mapped: ChatCompletionMessageParam[] = systemPrompt ? [{ role: systemRole, content: systemPrompt }] : [];
  for (const { role, blocks, index } of checkedTurns(messages)) {
    if (role === 'assistant') {
      mapped.push(mapAssistant(blocks, index));
    } else {
      mapped.push(...mapUser(blocks, index));
    }
  }
  return mapped;
}

function mapAssistant(blocks: ContentBlock[], index: number): ChatCompletionMessageParam {
  const text: string[] = [];
  const toolCalls: { id: string; type: 'function'; function: { name: string; arguments: string } }[] = [];
  blocks.forEach((block, b) => {
    if ('text' in block) {
      text.push(block.text);
    } else if ('toolUse' in block) {
      const { toolUseId, name, input } = block.toolUse;
      toolCalls.push({ id: toolUseId, type: 'function', function: { name, arguments: JSON.stringify(input ?? {}) } });
    } else {
      throw invalid(`messages[${index}].content[${b}]`, 'an assistant turn may hold only `text` and `toolUse` blocks');
    }
  });
  return {
    role: 'assistant',
    content: text.length > 0 ? text.join('') : null,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
}

function mapUser(blocks: ContentBlock[], index: number): ChatCompletionMessageParam[] {
  const toolMessages: ChatCompletionMessageParam[] = [];
  const parts: ChatCompletionContentPart[] = [];
  blocks.forEach((block, b) => {
    const path = `messages[${index}].content[${b}]`;
    if ('toolResult' in block) {
      toolMessages.push({ role: 'tool', tool_call_id: block.toolResult.toolUseId, content: toolResultText(block) });
    } else if ('text' in block) {
      parts.push({ type: 'text', text: block.text });
    } else if ('image' in block) {
      parts.push(mapImage(block, path));
    } else if ('audio' in block) {
      parts.push(mapAudio(block, path));
    } else if ('document' in block) {
      parts.push(mapDocument(block, path));
    } else {
      throw invalid(path, 'a user turn holds `text`, `image`, `audio`, `document` or `toolResult` blocks');
    }
  });
  if (parts.length === 0) {
    return toolMessages;
  }
  // A lone text part goes as a plain string: every OpenAI-compatible server accepts that form.
  const only = parts[0];
  const content = parts.length === 1 && only?.type === 'text' ? only.text : parts;
  return [...toolMessages, { role: 'user', content }];
}
