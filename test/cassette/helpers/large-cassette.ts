import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serializeCassette } from '../../../src/cassette/format.js';
import { requestHash } from '../../../src/cassette/hash.js';
import { canonicalBody, normalizeUrl } from '../../../src/cassette/normalize.js';
import type { JsonValue, RecordedInteraction } from '../../../src/cassette/types.js';

export const LARGE_URL = 'https://api.openai.com/v1/chat/completions';

/** The request body of interaction `i`: a conversation of about `bytes` bytes, multi-line turns. */
export function largeBody(i: number, bytes: number): Record<string, JsonValue> {
  const turn = (n: number): string =>
    `Turn ${n} of request ${i}: ${'lorem ipsum dolor sit amet '.repeat(4)}\nsecond line’s text\n`;
  const messages: JsonValue[] = [];
  for (let n = 0; JSON.stringify(messages).length < bytes; n++) {
    messages.push({ role: n % 2 === 0 ? 'user' : 'assistant', content: turn(n) });
  }
  return { model: 'gpt-4o-mini', messages, temperature: 0.2 };
}

/** Interaction `i` as a recording stores it, with its real hash; its reply says `reply i`. */
export function largeInteraction(i: number, bytes: number): RecordedInteraction {
  const body = largeBody(i, bytes);
  const hash = requestHash('POST', normalizeUrl(LARGE_URL), canonicalBody(body, []));
  return {
    id: `${hash.slice(0, 12)}-1`,
    hash,
    request: { method: 'POST', url: LARGE_URL, headers: { 'content-type': 'application/json' }, body: { json: body } },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: {
        json: { id: `chatcmpl-${i}`, choices: [{ index: 0, message: { role: 'assistant', content: `reply ${i}` } }] },
      },
    },
    recordedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
  };
}

/** Writes `<dir>/<name>.yaml` with `count` interactions of about `bytes`-byte bodies; returns its path. */
export async function writeLargeCassette(dir: string, name: string, count: number, bytes: number): Promise<string> {
  const path = join(dir, `${name}.yaml`);
  const interactions = Array.from({ length: count }, (_, i) => largeInteraction(i, bytes));
  await writeFile(path, serializeCassette({ version: 1, interactions }));
  return path;
}

/** Sends interaction `i`'s request through `fetch` and returns the reply's content. */
export async function askLarge(fetch: typeof globalThis.fetch, i: number, bytes: number): Promise<string> {
  const response = await fetch(LARGE_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(largeBody(i, bytes)),
  });
  const data = (await response.json()) as { choices: { message: { content: string } }[] };
  return data.choices[0]?.message.content ?? '';
}
