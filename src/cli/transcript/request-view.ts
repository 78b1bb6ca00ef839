import { chatToolCalls, contentText, isObject, parseToolInput, reasoningText, stringOf } from './content-text.js';
import type { MessageView } from './types.js';

/** The messages a request body sent: chat `messages`, Responses API `input`, or a `prompt`. */
export function requestMessages(body: unknown): MessageView[] {
  if (!isObject(body)) {
    return typeof body === 'string' && body !== '' ? [{ role: 'body', text: body }] : [];
  }
  if (Array.isArray(body['messages'])) {
    return body['messages'].filter(isObject).map(chatMessage);
  }
  const instructions = stringOf(body['instructions']);
  const system: MessageView[] = instructions ? [{ role: 'system', text: instructions }] : [];
  const input = body['input'] ?? body['prompt'];
  if (typeof input === 'string') {
    return [...system, { role: 'user', text: input }];
  }
  if (Array.isArray(input)) {
    return [...system, ...input.map(inputItem)];
  }
  return system;
}

/** The names of the tools a request offered (chat or Responses API shaped). */
export function requestTools(body: unknown): string[] | undefined {
  if (!isObject(body) || !Array.isArray(body['tools'])) {
    return undefined;
  }
  const names = body['tools'].filter(isObject).map((tool) => {
    const fn = isObject(tool['function']) ? tool['function'] : tool;
    return stringOf(fn['name']) ?? stringOf(tool['type']) ?? '(unnamed)';
  });
  return names.length === 0 ? undefined : names;
}

function chatMessage(message: Record<string, unknown>): MessageView {
  const text = contentText(message['content']);
  const refusal = stringOf(message['refusal']);
  const toolCalls = chatToolCalls(message);
  const toolCallId = stringOf(message['tool_call_id']);
  const name = stringOf(message['name']);
  return {
    role: stringOf(message['role']) ?? '(no role)',
    ...(text === undefined ? {} : { text }),
    ...(refusal ? { refusal } : {}),
    ...(toolCalls ? { toolCalls } : {}),
    ...(toolCallId ? { toolCallId } : {}),
    ...(name ? { name } : {}),
  };
}

// Responses API items: messages, function calls and their outputs; a plain string is user text.
function inputItem(item: unknown): MessageView {
  if (!isObject(item)) {
    return { role: 'user', text: typeof item === 'string' ? item : JSON.stringify(item) };
  }
  const type = stringOf(item['type']);
  const callId = stringOf(item['call_id']);
  if (type === 'function_call' || type === 'custom_tool_call') {
    const name = stringOf(item['name']) ?? '(unnamed)';
    return {
      role: 'assistant',
      toolCalls: [
        { ...(callId ? { id: callId } : {}), name, input: parseToolInput(item['arguments'] ?? item['input']) },
      ],
    };
  }
  if (type === 'reasoning') {
    return { role: 'assistant', reasoning: reasoningText(item) };
  }
  if (type === 'function_call_output' || type === 'custom_tool_call_output') {
    const output = item['output'];
    return {
      role: 'tool',
      text: contentText(output) ?? JSON.stringify(output),
      ...(callId ? { toolCallId: callId } : {}),
    };
  }
  return chatMessage(item);
}
