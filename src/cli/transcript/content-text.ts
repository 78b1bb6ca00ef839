import type { ToolCallView } from './types.js';

type Json = Record<string, unknown>;

/** True for a JSON object (not an array). */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` when it is a string, else undefined. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The text of message content, chat or Responses API shaped: a string, or parts joined by a
 * blank line, with non-text parts as a short placeholder (`[image]`, `[file report.pdf]`).
 */
export function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') {
    return content;
  }
  if (!Array.isArray(content)) {
    return undefined;
  }
  const parts = content.map(partText).filter((part): part is string => part !== undefined);
  return parts.length === 0 ? undefined : parts.join('\n\n');
}

function partText(part: unknown): string | undefined {
  if (typeof part === 'string') {
    return part;
  }
  if (!isObject(part)) {
    return undefined;
  }
  const type = stringOf(part['type']) ?? '';
  const text = stringOf(part['text']) ?? stringOf(part['refusal']);
  if (text !== undefined) {
    return text;
  }
  if (type.includes('image')) {
    return '[image]';
  }
  if (type.includes('audio')) {
    return '[audio]';
  }
  const file = isObject(part['file']) ? part['file'] : part;
  return type.includes('file')
    ? `[file${stringOf(file['filename']) ? ` ${String(file['filename'])}` : ''}]`
    : `[${type || 'part'}]`;
}

/** Tool input as data: JSON arguments parsed, anything else kept as text. */
export function parseToolInput(input: unknown): unknown {
  if (typeof input !== 'string') {
    return input;
  }
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return input;
  }
}

/** Chat `tool_calls` (or a legacy `function_call`) as views. */
export function chatToolCalls(message: Json): ToolCallView[] | undefined {
  const calls = Array.isArray(message['tool_calls'])
    ? message['tool_calls']
    : isObject(message['function_call'])
      ? [{ function: message['function_call'] }]
      : [];
  const views = calls.filter(isObject).map((call): ToolCallView => {
    const fn = isObject(call['function']) ? call['function'] : isObject(call['custom']) ? call['custom'] : {};
    const id = stringOf(call['id']);
    return {
      ...(id ? { id } : {}),
      name: stringOf(fn['name']) ?? '(unnamed)',
      input: parseToolInput(fn['arguments'] ?? fn['input']),
    };
  });
  return views.length === 0 ? undefined : views;
}

/** A Responses API `reasoning` item's summary parts joined; empty when it has none (encrypted only). */
export function reasoningText(item: Json): string {
  const summary = Array.isArray(item['summary']) ? item['summary'] : [];
  return summary
    .map((part) => (isObject(part) ? stringOf(part['text']) : stringOf(part)))
    .filter((text): text is string => text !== undefined && text !== '')
    .join('\n\n');
}

/**
 * An SSE event's data as JSON. The cassette keeps data as a structure only when it prints back
 * byte for byte; other JSON (`"top_p":1.0`, spaced keys) stays text in `data`, parsed here.
 */
export function eventJson(event: { json?: unknown; data?: string }): unknown {
  if (event.json !== undefined || event.data === undefined) {
    return event.json;
  }
  try {
    return JSON.parse(event.data) as unknown;
  } catch {
    return undefined;
  }
}
