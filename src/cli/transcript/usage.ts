import type { StoredBody } from '../../cassette/types.js';
import { eventJson, isObject } from './content-text.js';
import type { UsageView } from './types.js';

/**
 * Token usage recorded in a response body: the `usage` block of a JSON body (chat, Responses
 * API, embeddings), or of the stream event that carries it (the last chunk when the request
 * set `stream_options.include_usage`, or `response.completed`). Undefined when none was sent.
 */
export function recordedUsage(body: StoredBody | undefined): UsageView | undefined {
  if (!body) {
    return undefined;
  }
  if ('json' in body) {
    return usageOf(isObject(body.json) ? body.json['usage'] : undefined);
  }
  if (!('events' in body)) {
    return undefined;
  }
  for (let i = body.events.length - 1; i >= 0; i--) {
    const event = body.events[i];
    const json = event ? eventJson(event) : undefined;
    const found = isObject(json)
      ? (usageOf(json['usage']) ?? usageOf(isObject(json['response']) ? json['response']['usage'] : undefined))
      : undefined;
    if (found) {
      return found;
    }
  }
  return undefined;
}

/** A `usage` block as counts: prompt/input, completion/output and total tokens, and their details. */
export function usageOf(usage: unknown): UsageView | undefined {
  if (!isObject(usage)) {
    return undefined;
  }
  const count = (...names: string[]): number | undefined => {
    const found = names.map((name) => usage[name]).find((value) => typeof value === 'number');
    return found as number | undefined;
  };
  const input = count('prompt_tokens', 'input_tokens');
  const output = count('completion_tokens', 'output_tokens');
  const total =
    count('total_tokens') ?? (input !== undefined || output !== undefined ? (input ?? 0) + (output ?? 0) : undefined);
  if (input === undefined && output === undefined && total === undefined) {
    return undefined;
  }
  const reasoning = detail(usage, ['completion_tokens_details', 'output_tokens_details'], 'reasoning_tokens');
  const cachedInput = detail(usage, ['prompt_tokens_details', 'input_tokens_details'], 'cached_tokens');
  return {
    ...(input === undefined ? {} : { input }),
    ...(output === undefined ? {} : { output }),
    ...(total === undefined ? {} : { total }),
    ...(reasoning ? { reasoning } : {}),
    ...(cachedInput ? { cachedInput } : {}),
  };
}

// Chat and the Responses API name the details blocks differently; zero counts are left out.
function detail(usage: Record<string, unknown>, blocks: readonly string[], name: string): number | undefined {
  for (const block of blocks) {
    const details = usage[block];
    const value = isObject(details) ? details[name] : undefined;
    if (typeof value === 'number' && value > 0) {
      return value;
    }
  }
  return undefined;
}
