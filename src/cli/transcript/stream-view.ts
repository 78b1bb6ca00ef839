import type { SseEvent } from '../../cassette/types.js';
import { eventJson, isObject, parseToolInput, stringOf } from './content-text.js';
import { errorView } from './error-view.js';
import { completionView } from './completion-view.js';
import { responsesStreamView } from './responses-stream-view.js';
import type { ResponseView, ToolCallView } from './types.js';
import { usageOf } from './usage.js';

interface PartialCall {
  id?: string;
  name: string;
  args: string;
}

/**
 * A streamed reply put back together: chat chunk deltas (text, refusal, reasoning, tool calls
 * by index, finish reason, the usage chunk), or a Responses API stream (its final object, or
 * its deltas when it was cut before one); an error event becomes the error.
 */
export function streamView(status: number, events: readonly SseEvent[]): ResponseView {
  let text = '';
  let refusal = '';
  let reasoning = '';
  let finishReason: string | undefined;
  let usage: ResponseView['usage'];
  const calls = new Map<number, PartialCall>();
  let responses = false;
  for (const event of events) {
    const json = eventJson(event);
    if (!isObject(json)) {
      continue;
    }
    if (isObject(json['error']) || json['type'] === 'error' || json['type'] === 'response.failed') {
      const error = isObject(json['response']) ? json['response']['error'] : json;
      return {
        status,
        stream: true,
        error: errorView(status, isObject(error) && !isObject(error['error']) ? { error } : error),
      };
    }
    if (json['type'] === 'response.completed' || json['type'] === 'response.incomplete') {
      return { status, stream: true, ...completionView(json['response']) };
    }
    if (typeof json['type'] === 'string' && json['type'].startsWith('response.')) {
      responses = true;
      continue;
    }
    usage = usageOf(json['usage']) ?? usage;
    const choice = Array.isArray(json['choices']) ? json['choices'].find(isObject) : undefined;
    const delta = choice && isObject(choice['delta']) ? choice['delta'] : undefined;
    finishReason = stringOf(choice?.['finish_reason']) ?? finishReason;
    text += stringOf(delta?.['content']) ?? '';
    refusal += stringOf(delta?.['refusal']) ?? '';
    reasoning += stringOf(delta?.['reasoning_content']) ?? stringOf(delta?.['reasoning']) ?? '';
    for (const call of Array.isArray(delta?.['tool_calls']) ? delta['tool_calls'].filter(isObject) : []) {
      addCallDelta(calls, call);
    }
  }
  if (responses) {
    // A Responses API stream that never sent its final event.
    return responsesStreamView(status, events);
  }
  const toolCalls = [...calls.values()].map(({ id, name, args }): ToolCallView => ({
    ...(id ? { id } : {}),
    name,
    input: parseToolInput(args),
  }));
  return {
    status,
    stream: true,
    reply: {
      role: 'assistant',
      ...(reasoning ? { reasoning } : {}),
      ...(text ? { text } : {}),
      ...(refusal ? { refusal } : {}),
      ...(toolCalls.length > 0 ? { toolCalls } : {}),
    },
    ...(finishReason ? { finishReason } : {}),
    ...(usage ? { usage } : {}),
  };
}

// Tool calls arrive in pieces keyed by `index`: the id and name once, the arguments in fragments.
function addCallDelta(calls: Map<number, PartialCall>, delta: Record<string, unknown>): void {
  const index = typeof delta['index'] === 'number' ? delta['index'] : calls.size;
  const call: PartialCall = calls.get(index) ?? { name: '', args: '' };
  const fn = isObject(delta['function']) ? delta['function'] : {};
  const id = stringOf(delta['id']);
  if (id) {
    call.id = id;
  }
  call.name += stringOf(fn['name']) ?? '';
  call.args += stringOf(fn['arguments']) ?? '';
  calls.set(index, call);
}
