import type { ResponseInputContent, ResponseInputItem } from 'openai/resources/responses/responses';
import { checkMessages } from '../check-messages.js';
import { invalid } from '../content-sources.js';
import { contentBlocks } from '../message-content.js';
import { toolResultText } from '../tool-result-text.js';
import type { ContentBlock, Message } from '../types.js';
import { mapUserPart } from './map-parts.js';
import { carriedReasoning, type CarriedReasoning } from './reasoning-carry.js';

const NO_REASONING: CarriedReasoning = { items: [], byId: false };

/**
 * Maps spark messages to Responses API input items. A user turn's tool results become
 * `function_call_output` items (first, right after the calls they answer), the rest one user
 * message. An assistant turn becomes, in order, its text as assistant messages and its tool
 * uses as `function_call` items, each preceded by the reasoning items it carries
 * (`providerState`, see `carriedReasoning`).
 */
export function mapInput(messages: Message[], store: boolean | undefined): ResponseInputItem[] {
  checkMessages(messages);
  // @note The whole conversation is mapped on every call: items go straight into one list.
  const input: ResponseInputItem[] = [];
  for (let index = 0; index < messages.length; index++) {
    const { role, content } = messages[index] as Message;
    const blocks = contentBlocks(content);
    if (role === 'assistant') {
      mapAssistant(blocks, index, store, input);
    } else {
      mapUser(blocks, index, input);
    }
  }
  return input;
}

function mapAssistant(
  blocks: ContentBlock[],
  index: number,
  store: boolean | undefined,
  input: ResponseInputItem[],
): void {
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b] as ContentBlock;
    if (!('text' in block) && !('toolUse' in block)) {
      throw invalid(`messages[${index}].content[${b}]`, 'an assistant turn may hold only `text` and `toolUse` blocks');
    }
    const { providerState } = block;
    const { items, byId } = providerState ? carriedReasoning(providerState, store) : NO_REASONING;
    input.push(...items);
    // An item that followed reasoning sent by id is named by its own id, so OpenAI can pair them.
    const itemId = byId && providerState?.itemId ? { id: providerState.itemId } : {};
    if ('text' in block) {
      if (block.text === '' && items.length === 0) {
        continue;
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
      input.push(message);
      continue;
    }
    const { toolUseId, name, input: toolInput } = block.toolUse;
    input.push({
      type: 'function_call',
      ...itemId,
      call_id: toolUseId,
      name,
      arguments: JSON.stringify(toolInput ?? {}),
    });
  }
}

// Appends the user turn to `input`: its tool results first, then one user message with the rest.
function mapUser(blocks: ContentBlock[], index: number, input: ResponseInputItem[]): void {
  let parts: ResponseInputContent[] | undefined;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b] as ContentBlock;
    if ('toolResult' in block) {
      input.push({
        type: 'function_call_output',
        call_id: block.toolResult.toolUseId,
        output: toolResultText(block),
      });
    } else {
      (parts ??= []).push(mapUserPart(block, `messages[${index}].content[${b}]`));
    }
  }
  if (parts === undefined) {
    return;
  }
  // A lone text part goes as a plain string, the shortest form the API takes.
  const only = parts[0];
  input.push({ role: 'user', content: parts.length === 1 && only?.type === 'input_text' ? only.text : parts });
}
