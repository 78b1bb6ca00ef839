import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { startCassette } from '../../../src/cassette/index.js';
import { serializeCassette } from '../../../src/cassette/format.js';
import type { RecordedInteraction, RecordedResponse } from '../../../src/cassette/types.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { useEnv } from '../helpers/env.js';
import { askLarge, LARGE_URL, largeBody, largeInteraction, writeLargeCassette } from '../helpers/large-cassette.js';

const dir = useTempDir('spark-cassette-forms-');
const env = useEnv();
const BYTES = 12_000;

// Every kind of answer replay sends: JSON as written (indent, trailing newline), text, bytes
// that are not UTF-8, a stream with recorded times, an error with waits, an empty answer,
// and a header sent twice.
const RESPONSES: RecordedResponse[] = [
  {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-multi': ['a', '  b  '] },
    body: { json: { id: 'chatcmpl-0', text: 'caf\u00e9 \u2603' }, indent: 2, trailingNewline: true },
  },
  { status: 200, headers: { 'content-type': 'text/plain' }, body: { text: 'line one\n\n  indented\n' } },
  { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: { base64: '/wABAv7/' } },
  {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
    body: {
      events: [
        { json: { delta: 'Hel' }, offsetMs: 0 },
        { event: 'note', data: '  \n', offsetMs: 1 },
        { comment: 'keep-alive', offsetMs: 2 },
        { data: '[DONE]', offsetMs: 3 },
      ],
    },
  },
  {
    status: 429,
    headers: { 'content-type': 'application/json', 'retry-after': '20', 'retry-after-ms': '20000' },
    body: { json: { error: { message: 'Rate limit reached', type: 'requests' } } },
  },
  { status: 204, headers: { 'x-request-id': 'req_1' } },
  { status: 200, headers: { 'content-type': 'text/event-stream' }, body: { events: [] } },
];

function interactions(): RecordedInteraction[] {
  return RESPONSES.map((response, i) => ({ ...largeInteraction(i, BYTES), response }));
}

interface Seen {
  status: number;
  headers: [string, string][];
  chunks: string[];
}

// What a client sees of a replayed answer: status, headers and each chunk as it arrives.
async function seen(response: Response): Promise<Seen> {
  const chunks: string[] = [];
  const reader = response.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
    chunks.push(Buffer.from(read.value).toString('base64'));
  }
  return { status: response.status, headers: [...response.headers], chunks };
}

async function replayAll(options: { keepRetryAfter?: boolean } = {}): Promise<Seen[]> {
  const cassette = await startCassette('forms', { dir: dir.path, mode: 'replay', ...options });
  const answers: Seen[] = [];
  for (let i = 0; i < RESPONSES.length; i++) {
    const response = await cassette.fetch(LARGE_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(largeBody(i, BYTES)),
    });
    answers.push(await seen(response));
  }
  expect((await cassette.stop()).replayed).toBe(RESPONSES.length);
  return answers;
}

async function entryPath(): Promise<string> {
  const [name] = await readdir(join(dir.path, 'cache'));
  return join(dir.path, 'cache', name as string);
}

async function readEntry(): Promise<{ head: { forms?: { ranges: number[][]; sha256: string } }; blob: Buffer }> {
  const bytes = await readFile(await entryPath());
  const newline = bytes.indexOf(10);
  return { head: JSON.parse(bytes.toString('utf8', 0, newline)) as never, blob: bytes.subarray(newline + 1) };
}

describe('replay forms in the parsed-form cache', () => {
  test('replay every kind of answer from the cache exactly as from the file', async () => {
    env.set({ SPARK_CASSETTE_CACHE_DIR: join(dir.path, 'cache') });
    await writeFile(join(dir.path, 'forms.yaml'), serializeCassette({ version: 1, interactions: interactions() }));
    // Read from the file (no entry yet), then from the forms the first run stored.
    const cold = await replayAll();
    const { head } = await readEntry();
    expect(head.forms?.ranges.map(([place]) => place)).toEqual(RESPONSES.map((_, i) => i));
    const warm = await replayAll();
    expect(warm).toEqual(cold);
    expect(await replayAll({ keepRetryAfter: true })).toEqual(await replayAllFromFile({ keepRetryAfter: true }));

    const text = (answer: Seen | undefined): string =>
      (answer?.chunks ?? []).map((chunk) => Buffer.from(chunk, 'base64').toString('utf8')).join('');
    expect(text(warm[0])).toBe(`${JSON.stringify({ id: 'chatcmpl-0', text: 'caf\u00e9 \u2603' }, null, 2)}\n`);
    expect(warm[0]?.headers).toContainEqual(['x-multi', 'a, b']);
    expect(text(warm[1])).toBe('line one\n\n  indented\n');
    expect(warm[2]?.chunks).toEqual(['/wABAv7/']);
    // One chunk per recorded event.
    expect(warm[3]?.chunks.map((chunk) => Buffer.from(chunk, 'base64').toString('utf8'))).toEqual([
      'data: {"delta":"Hel"}\n\n',
      'event: note\ndata:   \ndata: \n\n',
      ':keep-alive\n\n',
      'data: [DONE]\n\n',
    ]);
    expect(warm[4]?.headers).toContainEqual(['retry-after', '0']);
    expect(warm[4]?.headers).toContainEqual(['retry-after-ms', '0']);
    expect(warm[5]).toEqual({ status: 204, headers: [['x-request-id', 'req_1']], chunks: [] });
    expect(warm[6]?.chunks).toEqual([]);
  });

  test('a damaged form counts as absent: the answer is read from the file', async () => {
    env.set({ SPARK_CASSETTE_CACHE_DIR: join(dir.path, 'cache') });
    await writeLargeCassette(dir.path, 'large', 4, BYTES);
    const replies = async (): Promise<string[]> => {
      const cassette = await startCassette('large', { dir: dir.path, mode: 'replay' });
      const out = [];
      for (let i = 0; i < 4; i++) {
        out.push(await askLarge(cassette.fetch, i, BYTES));
      }
      await cassette.stop();
      return out;
    };
    const expected = ['reply 0', 'reply 1', 'reply 2', 'reply 3'];
    expect(await replies()).toEqual(expected);
    const { head, blob } = await readEntry();
    const line = JSON.stringify(head);
    const damaged = Buffer.from(blob.toString('utf8').replaceAll('reply', 'rEply'));
    // Bytes changed under the stored sha256, bytes cut short, and a form that is not one
    // under a sha256 that fits it.
    const notAForm = Buffer.from(blob.toString('utf8').replace('"status":200', '"status":"200"'));
    const resealed = { ...head, forms: { ...head.forms, sha256: createHash('sha256').update(notAForm).digest('hex') } };
    for (const bad of [
      Buffer.concat([Buffer.from(`${line}\n`), damaged]),
      Buffer.concat([Buffer.from(`${line}\n`), blob.subarray(0, blob.length - 3)]),
      Buffer.concat([Buffer.from(`${JSON.stringify(resealed)}\n`), notAForm]),
    ]) {
      await writeFile(await entryPath(), bad);
      expect(await replies()).toEqual(expected);
    }
  });

  test('a warm replay sends the stored form, not the YAML', async () => {
    env.set({ SPARK_CASSETTE_CACHE_DIR: join(dir.path, 'cache') });
    await writeLargeCassette(dir.path, 'large', 4, BYTES);
    const reply = async (): Promise<string> => {
      const cassette = await startCassette('large', { dir: dir.path, mode: 'replay', failOnUnused: false });
      const text = await askLarge(cassette.fetch, 2, BYTES);
      await cassette.stop();
      return text;
    };
    expect(await reply()).toBe('reply 2');
    // An entry rewritten consistently (as only a hand could): its form is what replay sends.
    const { head, blob } = await readEntry();
    const edited = Buffer.from(blob.toString('utf8').replace('reply 2', 'reply Z'));
    const sealed = { ...head, forms: { ...head.forms, sha256: createHash('sha256').update(edited).digest('hex') } };
    await writeFile(await entryPath(), Buffer.concat([Buffer.from(`${JSON.stringify(sealed)}\n`), edited]));
    expect(await reply()).toBe('reply Z');
  });

  test('keep a bounded number of request texts, however many differ in an ignored field', async () => {
    env.set({ SPARK_CASSETTE_CACHE_DIR: join(dir.path, 'cache') });
    const count = 3;
    await writeLargeCassette(dir.path, 'large', count, BYTES);
    const options = { dir: dir.path, mode: 'replay' as const, ignoreBodyFields: ['metadata'], allowRepeats: true };
    const cassette = await startCassette('large', options);
    const sends = 2 * count + 64 + 20;
    for (let n = 0; n < sends; n++) {
      const response = await cassette.fetch(LARGE_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...largeBody(0, BYTES), metadata: { sentAt: n } }),
      });
      expect(((await response.json()) as { id: string }).id).toBe('chatcmpl-0');
    }
    await cassette.stop({ failed: true });
    const { head } = await readEntry();
    expect((head as { memo?: { sent: unknown[] } }).memo?.sent).toHaveLength(2 * count + 64);
  });
});

// The same answers read from the file alone: a cache dir of its own, emptied before each run.
async function replayAllFromFile(options: { keepRetryAfter?: boolean }): Promise<Seen[]> {
  env.set({ SPARK_CASSETTE_CACHE_DIR: join(dir.path, `cache-${Math.random().toString(36).slice(2)}`) });
  try {
    return await replayAll(options);
  } finally {
    env.set({ SPARK_CASSETTE_CACHE_DIR: join(dir.path, 'cache') });
  }
}
