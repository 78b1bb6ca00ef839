import { chatToolCalls, contentText, isObject, parseToolInput, reasoningText, stringOf } from './content-text.js';
import type { MessageView, ResponseView, ToolCallView } from './types.js';
import { usageOf } from './usage.js';

/** The reply of a chat completion or Responses API object; other bodies as text. */
export function completionView(value: unknown): Omit<ResponseView, 'status' | 'stream'> {
  if (!isObject(value)) {
    return typeof value === 'string' && value !== '' ? { reply: { role: 'body', text: value } } : {};
  }
  const usage = usageOf(value['usage']);
  const common = usage ? { usage } : {};
  if (Array.isArray(value['choices'])) {
    const [first, ...others] = value['choices'].filter(isObject);
    const message = first && isObject(first['message']) ? first['message'] : undefined;
    const finishReason = stringOf(first?.['finish_reason']);
    return {
      ...(message ? { reply: replyMessage(message) } : {}),
      ...(finishReason ? { finishReason } : {}),
      ...common,
      ...(others.length > 0 ? { otherChoices: others.length } : {}),
    };
  }
  if (Array.isArray(value['output'])) {
    const output = outputInOrder(value['output']);
    return {
      reply: outputMessage(value['output']),
      ...(output ? { output } : {}),
      ...responsesFinish(value),
      ...common,
    };
  }
  return common;
}

function replyMessage(message: Record<string, unknown>): MessageView {
  const text = contentText(message['content']);
  const refusal = stringOf(message['refusal']);
  // Compatible servers (DeepSeek, vLLM) send the model's reasoning beside the content.
  const reasoning = stringOf(message['reasoning_content']) ?? stringOf(message['reasoning']);
  const toolCalls = chatToolCalls(message);
  return {
    role: stringOf(message['role']) ?? 'assistant',
    ...(reasoning ? { reasoning } : {}),
    ...(text ? { text } : {}),
    ...(refusal ? { refusal } : {}),
    ...(toolCalls ? { toolCalls } : {}),
  };
}

/**
 * Responses API output as one assistant message: `message` items give text (and refusals),
 * `reasoning` items their summary, `function_call` items tool calls.
 */
export function outputMessage(output: unknown[]): MessageView {
  const texts: string[] = [];
  const refusals: string[] = [];
  const reasonings: string[] = [];
  const toolCalls: ToolCallView[] = [];
  for (const item of output.filter(isObject)) {
    if (item['type'] === 'message') {
      const content = Array.isArray(item['content']) ? item['content'].filter(isObject) : [];
      const refusal = content.filter((part) => part['type'] === 'refusal').map((part) => stringOf(part['refusal']));
      refusals.push(...refusal.filter((r): r is string => r !== undefined));
      const text = contentText(content.filter((part) => part['type'] !== 'refusal'));
      if (text) {
        texts.push(text);
      }
    } else if (item['type'] === 'reasoning') {
      reasonings.push(reasoningText(item));
    } else if (item['type'] === 'function_call' || item['type'] === 'custom_tool_call') {
      const id = stringOf(item['call_id']);
      toolCalls.push({
        ...(id ? { id } : {}),
        name: stringOf(item['name']) ?? '(unnamed)',
        input: parseToolInput(item['arguments'] ?? item['input']),
      });
    }
  }
  return {
    role: 'assistant',
    ...(reasonings.length > 0 ? { reasoning: reasonings.filter(Boolean).join('\n\n') } : {}),
    ...(texts.length > 0 ? { text: texts.join('\n\n') } : {}),
    ...(refusals.length > 0 ? { refusal: refusals.join('\n\n') } : {}),
    ...(toolCalls.length > 0 ? { toolCalls } : {}),
  };
}

// Where each kind of item shows in the one message `outputMessage` makes.
const RANK: Record<string, number> = { reasoning: 0, message: 1, function_call: 2, custom_tool_call: 2 };

/**
 * Responses API output as one view per item, in order, when one message would show them out of
 * order (reasoning after a call, a call before text): undefined when it would not.
 */
export function outputInOrder(output: unknown[]): MessageView[] | undefined {
  const items = output.filter(isObject).filter((item) => RANK[String(item['type'])] !== undefined);
  const ranks = items.map((item) => RANK[String(item['type'])] as number);
  if (ranks.every((rank, i) => i === 0 || rank >= (ranks[i - 1] as number))) {
    return undefined;
  }
  return items.map((item) => outputMessage([item]));
}

function responsesFinish(value: Record<string, unknown>): { finishReason?: string } {
  const incomplete = isObject(value['incomplete_details'])
    ? stringOf(value['incomplete_details']['reason'])
    : undefined;
  const status = incomplete ?? stringOf(value['status']);
  return status ? { finishReason: status } : {};
}
