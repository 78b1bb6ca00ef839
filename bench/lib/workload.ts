// Requests that look like an agent's under test: a system prompt, a multi-turn history with
// earlier tool calls and results, four tools, 2 to 20 KB of JSON each, every one different.
// The replies are real corpus responses (02: a tool call, 01: text) given their own content.
import type { ContentBlock, Message, ToolSpec } from '../../src/model/types.js';
import { loadCorpus } from '../../test/helpers/corpus.js';

/** The model every workload request names. */
export const WORKLOAD_MODEL = 'gpt-4o-mini';

const WORDS = (
  'the agent reads each order and checks stock before it answers a customer about delivery dates ' +
  'refunds weather in the city of the warehouse prices taxes and the status of a parcel that left ' +
  'yesterday with a tracking number and a note from the driver'
).split(' ');

/** Deterministic prose of about `length` characters. */
export function prose(length: number, seed: number): string {
  let state = seed >>> 0 || 1;
  const words: string[] = [];
  let size = 0;
  while (size < length) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const word = WORDS[state % WORDS.length] as string;
    words.push(word);
    size += word.length + 1;
  }
  return words.join(' ');
}

const schema = (properties: Record<string, unknown>, required: string[]): ToolSpec['inputSchema'] => ({
  json: { type: 'object', properties, required, additionalProperties: false },
});

/** The agent's four tools. */
export const WORKLOAD_TOOLS: readonly ToolSpec[] = [
  {
    name: 'get_weather',
    description: 'Current weather for a city, in metric units.',
    inputSchema: schema({ city: { type: 'string', description: 'City name' } }, ['city']),
  },
  {
    name: 'search_orders',
    description: 'Finds orders by customer, status or date range; returns at most `limit` rows.',
    inputSchema: schema(
      {
        customer: { type: 'string' },
        status: { type: 'string', enum: ['open', 'shipped', 'delivered', 'refunded'] },
        limit: { type: 'integer', minimum: 1, maximum: 50 },
      },
      ['customer'],
    ),
  },
  {
    name: 'track_parcel',
    description: 'Where a parcel is now and when it is expected, by tracking number.',
    inputSchema: schema({ trackingNumber: { type: 'string', pattern: '^[A-Z0-9]{10,}$' } }, ['trackingNumber']),
  },
  {
    name: 'send_email',
    description: 'Sends an email to a customer. Use only after the user confirmed the text.',
    inputSchema: schema(
      { to: { type: 'string', format: 'email' }, subject: { type: 'string' }, body: { type: 'string' } },
      ['to', 'subject', 'body'],
    ),
  },
];

/** The system prompt of conversation `seed`. */
export function systemPrompt(seed: number): string {
  return `You are the support agent of shop ${seed}. ${prose(1200, seed)}`;
}

/** Tool call `n` of conversation `seed`: which tool, with what input. */
export function toolCall(seed: number, n: number): { toolUseId: string; name: string; input: Record<string, unknown> } {
  const toolUseId = `call_${seed.toString(36).padStart(4, '0')}${n}x${(seed * 7919 + n).toString(36)}`;
  if (n % 2 === 0) {
    return { toolUseId, name: 'search_orders', input: { customer: `customer-${seed}`, status: 'shipped', limit: 5 } };
  }
  return {
    toolUseId,
    name: 'track_parcel',
    input: { trackingNumber: `TRK${(seed * 104729 + n).toString().padStart(10, '0')}` },
  };
}

/** What the tool answered to call `n` of conversation `seed`. */
export function toolResult(seed: number, n: number): ContentBlock {
  const rows = Array.from({ length: 3 }, (_, i) => ({
    order: `ord_${seed}_${n}_${i}`,
    status: 'shipped',
    note: prose(120, seed * 13 + n * 5 + i),
  }));
  return { toolResult: { toolUseId: toolCall(seed, n).toolUseId, content: [{ json: { rows } }], status: 'success' } };
}

/**
 * The history of conversation `seed`, about `bytes` bytes as JSON: user questions, assistant
 * tool calls with their results, and assistant answers, ending with a new user question.
 */
export function history(seed: number, bytes: number): Message[] {
  const messages: Message[] = [];
  for (let turn = 0; JSON.stringify(messages).length < bytes - 1600; turn++) {
    const n = 100 + turn;
    messages.push({ role: 'user', content: [{ text: prose(300, seed * 31 + turn) }] });
    messages.push({ role: 'assistant', content: [{ toolUse: toolCall(seed, n) }] });
    messages.push({ role: 'user', content: [toolResult(seed, n)] });
    messages.push({ role: 'assistant', content: [{ text: prose(500, seed * 37 + turn) }] });
  }
  messages.push({ role: 'user', content: [{ text: `Question ${seed}: ${prose(160, seed * 41)}` }] });
  return messages;
}

/** The final answer of conversation `seed`. */
export function finalText(seed: number): string {
  return `Order ord_${seed} shipped; it arrives tomorrow. ${prose(200, seed * 43)}`;
}

let corpus:
  { tool: Record<string, unknown>; text: Record<string, unknown>; headers: Record<string, string> } | undefined;

function replies(): NonNullable<typeof corpus> {
  if (!corpus) {
    const tool = loadCorpus('02').response;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(tool.headers)) {
      const lower = name.toLowerCase();
      if (!['connection', 'transfer-encoding', 'content-length', 'set-cookie'].includes(lower)) {
        headers[lower] = String(value);
      }
    }
    corpus = {
      tool: JSON.parse(tool.body) as Record<string, unknown>,
      text: JSON.parse(loadCorpus('01').response.body) as Record<string, unknown>,
      headers,
    };
  }
  return corpus;
}

/** The response headers of every workload reply (corpus 02's, without transport headers). */
export function replyHeaders(): Record<string, string> {
  return replies().headers;
}

/**
 * Reply `turn` of conversation `seed` as the chat completions API sends it: a tool call on
 * turns 0 and 1 (`toolCall(seed, turn)`), the final text on turn 2 and later.
 */
export function replyBody(seed: number, turn: number): Record<string, unknown> {
  const { tool, text } = replies();
  const id = `chatcmpl-bench${seed}t${turn}`;
  if (turn < 2) {
    const call = toolCall(seed, turn);
    const choice = (tool['choices'] as Record<string, unknown>[])[0] as Record<string, unknown>;
    const message = {
      ...(choice['message'] as object),
      tool_calls: [
        { id: call.toolUseId, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.input) } },
      ],
    };
    return { ...tool, id, choices: [{ ...choice, message }] };
  }
  const choice = (text['choices'] as Record<string, unknown>[])[0] as Record<string, unknown>;
  const message = { ...(choice['message'] as object), content: finalText(seed) };
  return { ...text, id, choices: [{ ...choice, message }] };
}

/** Reply `turn` of conversation `seed` as its exact bytes (the API's two-space JSON). */
export function replyText(seed: number, turn: number): string {
  return JSON.stringify(replyBody(seed, turn), null, 2);
}
