import { chatToolCalls, contentText, isObject, parseToolInput, stringOf } from './content-text.js';
import type { MessageView, ResponseView, ToolCallView } from './types.js';
import { usageOf } from './usage.js';

/** The reply of a chat completion or Responses API object; other bodies as text. */
export function completionView(value: unknown): Omit<ResponseView, 'status' | 'stream'> {
  if (!isObject(value)) {
    return typeof value === 'string' && value !== '' ? { reply: { role: 'body', text: value } } : {};
  }
  const usage = usageOf(value['usage']);
  const withUsage = usage ? { usage } : {};
  if (Array.isArray(value['choices'])) {
    const [first, ...others] = value['choices'].filter(isObject);
    const message = first && isObject(first['message']) ? first['message'] : undefined;
    const finishReason = stringOf(first?.['finish_reason']);
    return {
      ...(message ? { reply: replyMessage(message) } : {}),
      ...(finishReason ? { finishReason } : {}),
      ...withUsage,
      ...(others.length > 0 ? { otherChoices: others.length } : {}),
    };
  }
  if (Array.isArray(value['output'])) {
    return { reply: outputMessage(value['output']), ...responsesFinish(value), ...withUsage };
  }
  return withUsage;
}

function replyMessage(message: Record<string, unknown>): MessageView {
  const text = contentText(message['content']);
  const refusal = stringOf(message['refusal']);
  const toolCalls = chatToolCalls(message);
  return {
    role: stringOf(message['role']) ?? 'assistant',
    ...(text ? { text } : {}),
    ...(refusal ? { refusal } : {}),
    ...(toolCalls ? { toolCalls } : {}),
  };
}

// Responses API output: message items give text, function_call items give tool calls.
function outputMessage(output: unknown[]): MessageView {
  const texts: string[] = [];
  const toolCalls: ToolCallView[] = [];
  for (const item of output.filter(isObject)) {
    if (item['type'] === 'message') {
      const text = contentText(item['content']);
      if (text) {
        texts.push(text);
      }
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
    ...(texts.length > 0 ? { text: texts.join('\n\n') } : {}),
    ...(toolCalls.length > 0 ? { toolCalls } : {}),
  };
}

function responsesFinish(value: Record<string, unknown>): { finishReason?: string } {
  const incomplete = isObject(value['incomplete_details'])
    ? stringOf(value['incomplete_details']['reason'])
    : undefined;
  const status = incomplete ?? stringOf(value['status']);
  return status ? { finishReason: status } : {};
}
