import type { ResponseInputContent, ResponseInputItem } from 'openai/resources/responses/responses';
import { invalid } from '../content-sources.js';
import { checkedTurns } from '../checked-turns.js';
import { toolResultText } from '../tool-result-text.js';
import type { ContentBlock, Message } from '../types.js';
import { mapUserPart } from './map-parts.js';
import { carriedReasoning } from './reasoning-carry.js';

/**
 * Maps spark messages to Responses API input items. A user turn's tool results become
 * `function_call_output` items (first, right after the calls they answer), the rest one user
 * message. An assistant turn becomes, in order, its text as assistant messages and its tool
 * uses as `function_call` items, each preceded by the reasoning items it carries
 * (`providerState`, see `carriedReasoning`).
 */
export function mapInput(messages: Message[], store: boolean | undefined): ResponseInputItem[] {
  return checkedTurns(messages).flatMap(({ role, blocks, index }) =>
    role === 'assistant' ? mapAssistant(blocks, index, store) : mapUser(blocks, index),
  );
}

function mapAssistant(blocks: ContentBlock[], index: number, store: boolean | undefined): ResponseInputItem[] {
  return blocks.flatMap((block, b): ResponseInputItem[] => {
    if (!('text' in block) && !('toolUse' in block)) {
      throw invalid(`messages[${index}].content[${b}]`, 'an assistant turn may hold only `text` and `toolUse` blocks');
    }
    const { items, byId } = carriedReasoning(block.providerState, store);
    // An item that followed reasoning sent by id is named by its own id, so OpenAI can pair them.
    const itemId = byId && block.providerState?.itemId ? { id: block.providerState.itemId } : {};
    if ('text' in block) {
      if (block.text === '' && items.length === 0) {
        return [];
      }
      // With an id, the message goes in the form the API returned it (an easy message has no id).
      const message: ResponseInputItem =
        'id' in itemId
          ? {
              type: 'message',
              id: itemId.id,
              role: 'assistant',
              status: 'completed',
              content: [{ type: 'output_text', text: block.text, annotations: [] }],
            }
          : { role: 'assistant', content: block.text };
      return [...items, message];
    }
    const { toolUseId, name, input } = block.toolUse;
    return [
      ...items,
      { type: 'function_call', ...itemId, call_id: toolUseId, name, arguments: JSON.stringify(input ?? {}) },
    ];
  });
}

function mapUser(blocks: ContentBlock[], index: number): ResponseInputItem[] {
  const outputs: ResponseInputItem[] = [];
  const parts: ResponseInputContent[] = [];
  blocks.forEach((block, b) => {
    if ('toolResult' in block) {
      outputs.push({
        type: 'function_call_output',
        call_id: block.toolResult.toolUseId,
        output: toolResultText(block),
      });
    } else {
      parts.push(mapUserPart(block, `messages[${index}].content[${b}]`));
    }
  });
  if (parts.length === 0) {
    return outputs;
  }
  // A lone text part goes as a plain string, the shortest form the API takes.
  const only = parts[0];
  const content = parts.length === 1 && only?.type === 'input_text' ? only.text : parts;
  return [...outputs, { role: 'user', content }];
}
