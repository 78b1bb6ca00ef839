import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { serializeCassette, type RecordedInteraction } from '../../src/cassette/index.js';
import { verifyCassettes } from '../../src/cli/commands/verify.js';
import { redactInteraction } from '../../src/cli/redact-interaction.js';
import { redactionRules } from '../../src/cli/redaction-rules.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-verify-secrets-');

const key = `sk-verify~${randomBytes(12).toString('hex')}/+=`;
const queryKey = `qk-${randomBytes(12).toString('hex')}~/`;
const org = `org-${randomBytes(10).toString('hex')}`;
const env = { OPENAI_API_KEY: key, OPENAI_ORG_ID: org };

const chunk = (content: string) => ({
  json: { id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content } }] },
});

/** One interaction per place and encoding a secret can hide in, each holding one. */
const planted: Record<string, RecordedInteraction['response']> = {
  'a JSON body, JSON-escaped': {
    status: 200,
    headers: {},
    body: { json: { echo: JSON.stringify({ key }).replaceAll('/', '\\/') } },
  },
  'a text body, URL-encoded with %7E and +': {
    status: 200,
    headers: {},
    body: { text: `k=${new URLSearchParams({ k: key }).toString().slice(2)}` },
  },
  'a text body, as base64 of user:key': {
    status: 200,
    headers: {},
    body: { text: `auth ${Buffer.from(`user:${key}`).toString('base64')}` },
  },
  'a binary body, as raw bytes': {
    status: 200,
    headers: {},
    body: {
      base64: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(key), Buffer.from([0x80])]).toString('base64'),
    },
  },
  'an error body naming the organization': {
    status: 429,
    headers: {},
    body: { json: { error: { message: `Rate limit reached in organization ${org} on requests per min.` } } },
  },
  'a stream, token by token across events': {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
    body: { events: [chunk('key: '), ...(key.match(/.{1,4}/g) ?? []).map(chunk), { data: '[DONE]' }] },
  },
  'a header, as the query key sent with the request, %-encoded': {
    status: 200,
    headers: { 'x-echo': encodeURIComponent(queryKey).replace(/%2F/g, '%2f') },
  },
};

function interaction(index: number, response: RecordedInteraction['response']): RecordedInteraction {
  return {
    id: `${String(index).padStart(12, '0')}-1`,
    hash: 'h'.repeat(64),
    request: {
      method: 'POST',
      url: `https://api.openai.com/v1/chat/completions?api_key=${encodeURIComponent(queryKey)}`,
      headers: { authorization: 'REDACTED' },
    },
    response,
    recordedAt: '2025-01-31T12:00:00.000Z',
  };
}

describe('spark-cassette verify and the secrets recording scrubs', () => {
  const places = Object.keys(planted);
  const interactions = Object.values(planted).map((response, i) => interaction(i, response));
  const rules = redactionRules({}, env);

  test('finds every secret in every place and encoding', async () => {
    await writeFile(join(dir.path, 'planted.yaml'), serializeCassette({ version: 1, interactions }));

    const result = await verifyCassettes({ paths: [dir.path], rules, ignoredFields: [] });

    const secrets = result.problems.filter((p) => p.code === 'secret');
    const where = new Set(secrets.map((p) => p.interaction?.index));
    // Every planted response, and every request's URL (the query key left in it).
    expect([...where].sort()).toEqual(places.map((_, i) => i));
    expect(secrets.filter((p) => p.field?.endsWith('request.url'))).toHaveLength(places.length);
    const split = secrets.find(
      (p) =>
        p.interaction?.index === places.indexOf('a stream, token by token across events') &&
        p.field?.includes('events'),
    );
    expect(split?.message).toContain('a secret split across stream events');
    expect(secrets.map((p) => p.message).join('\n')).toContain('the value of OPENAI_ORG_ID');
    expect(secrets.map((p) => p.message).join('\n')).not.toContain(key);
  });

  test('finds nothing once the same module scrubbed them (spark-cassette redact)', async () => {
    const redacted = interactions.map((one) => redactInteraction(one, rules));
    await writeFile(join(dir.path, 'redacted.yaml'), serializeCassette({ version: 1, interactions: redacted }));

    const result = await verifyCassettes({ paths: [dir.path], rules, ignoredFields: [] });

    expect(result.problems.filter((p) => p.code === 'secret')).toEqual([]);
  });
});
