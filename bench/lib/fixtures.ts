import { serializeCassette } from '../../src/cassette/format.js';
import { requestHash } from '../../src/cassette/hash.js';
import { canonicalBody, normalizeUrl } from '../../src/cassette/normalize.js';
import { parseSseEvents } from '../../src/cassette/sse.js';
import type { CassetteFile, HeaderMap, JsonValue, RecordedInteraction } from '../../src/cassette/types.js';
import { loadCorpus } from '../../test/helpers/corpus.js';

/** The chat completions endpoint every bench request goes to. */
export const CHAT_URL = 'https://api.openai.com/v1/chat/completions';

// Headers the openai SDK 7 sends (redacted), as a recording stores them.
const REQUEST_HEADERS: HeaderMap = {
  accept: 'application/json',
  authorization: 'REDACTED',
  'content-type': 'application/json',
  'user-agent': 'OpenAI/JS 7.57.0',
  'x-stainless-arch': 'x64',
  'x-stainless-lang': 'js',
  'x-stainless-os': 'Linux',
  'x-stainless-package-version': '7.57.0',
  'x-stainless-retry-count': '0',
  'x-stainless-runtime': 'node',
  'x-stainless-runtime-version': 'v22.23.3',
};

const DROPPED = new Set(['connection', 'content-length', 'transfer-encoding', 'content-encoding']);

/** A real response (corpus 01: a chat completion, its headers) as stored and as sent. */
export function chatResponse(): { status: number; headers: HeaderMap; text: string; json: JsonValue } {
  const { response } = loadCorpus('01');
  const headers: HeaderMap = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (!DROPPED.has(name.toLowerCase())) {
      headers[name.toLowerCase()] = value;
    }
  }
  return { status: response.status, headers, text: response.body, json: JSON.parse(response.body) as JsonValue };
}

/**
 * The stored response as the cheapest `Response` to make: bytes and a `Headers` built once
 * (a fresh `Response` copies them), as the cassette's replay makes it, so a baseline pays no
 * more for its `Response` than the cassette does.
 */
export function storedResponseFactory(): () => Response {
  const { status, headers, text } = chatResponse();
  const pairs = Object.entries(headers).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((one): [string, string] => [name, one]),
  );
  const prebuilt = new Headers(pairs);
  const bytes = new TextEncoder().encode(text);
  return () => new Response(bytes, { status, headers: prebuilt });
}

/** A small chat request body (corpus 01's question, as OpenAIModel sends it). */
export function smallRequestBody(n = 0): Record<string, JsonValue> {
  return {
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: `Return the name of a random city in the world. (${n})` }],
    temperature: 0.7,
    top_p: 1,
    frequency_penalty: 0,
    presence_penalty: 0,
  };
}

const WORDS =
  'the model replies with a short answer about cities rivers tools weather prices and code that tests agents'.split(
    ' ',
  );

// Deterministic prose of about `length` characters, a line break every dozen words or so.
function prose(length: number, seed: number): string {
  let state = seed;
  let text = '';
  let words = 0;
  while (text.length < length) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    text += WORDS[state % WORDS.length] as string;
    words++;
    text += words % 13 === 0 ? '\n' : ' ';
  }
  return text.trimEnd();
}

/** A multi-turn agent request of about `bytes` bytes of JSON: system prompt, turns, two tools. */
export function largeRequestBody(bytes: number, seed: number): Record<string, JsonValue> {
  const messages: JsonValue[] = [{ role: 'system', content: prose(1500, seed) }];
  const tools: JsonValue = ['get_weather', 'search_docs'].map((name) => ({
    type: 'function',
    function: {
      name,
      description: `Calls ${name} with the given arguments.`,
      parameters: {
        type: 'object',
        properties: { query: { type: 'string', description: 'What to look up' }, limit: { type: 'integer' } },
        required: ['query'],
        additionalProperties: false,
      },
    },
  }));
  const body = { model: 'gpt-4o-mini', messages, tools, temperature: 0.7, top_p: 1 };
  for (let turn = 0; JSON.stringify(body).length < bytes; turn++) {
    messages.push({ role: turn % 2 === 0 ? 'user' : 'assistant', content: prose(1800, seed * 31 + turn) });
  }
  return body;
}

/** One interaction as a recording stores it, with its real match hash. */
export function interactionFor(body: Record<string, JsonValue>, index: number): RecordedInteraction {
  const response = chatResponse();
  const hash = requestHash('POST', normalizeUrl(CHAT_URL), canonicalBody(body, []));
  return {
    id: `${hash.slice(0, 12)}-1`,
    hash,
    request: { method: 'POST', url: CHAT_URL, headers: REQUEST_HEADERS, body: { json: body } },
    response: { status: response.status, headers: response.headers, body: { json: response.json, indent: 2 } },
    recordedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, index)).toISOString(),
  };
}

/** The load case: `count` interactions with `bytes`-byte request bodies, as YAML text and data. */
export function largeCassette(count = 1000, bytes = 20_000): { file: CassetteFile; text: string } {
  const interactions = Array.from({ length: count }, (_, i) => interactionFor(largeRequestBody(bytes, i + 1), i));
  const file: CassetteFile = {
    version: 1,
    provenance: { toolkit: 'spark-models 0.1.0', openai: '7.57.0', models: ['gpt-4o-mini'] },
    interactions,
  };
  return { file, text: serializeCassette(file) };
}

/** An SSE body of `count` events: corpus 07's chunks repeated, with its usage chunk and [DONE] last. */
export function sseBody(count: number): string {
  const events = parseSseEvents(loadCorpus('07').response.body) ?? [];
  const content = events.filter((event) => {
    const choices = (event.json as { choices?: { delta?: { content?: string } }[] } | undefined)?.choices;
    return choices?.[0]?.delta?.content;
  });
  // The end as recorded: the finish_reason chunk, the usage chunk and [DONE].
  const tail = events.slice(-3);
  const lines: string[] = [];
  for (let i = 0; lines.length < count - tail.length; i++) {
    lines.push(`data: ${JSON.stringify(content[i % content.length]?.json)}\n\n`);
  }
  return (
    lines.join('') +
    tail.map((event) => (event.json ? `data: ${JSON.stringify(event.json)}\n\n` : `data: ${event.data}\n\n`)).join('')
  );
}
