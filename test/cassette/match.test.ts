import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { startCassette, type CassetteOptions, type MatchableRequest } from '../../src/cassette/index.js';
import { loadCorpus } from '../helpers/corpus.js';
import { startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-cassette-match-');

type Send = (path: string, body?: unknown, headers?: Record<string, string>) => Promise<string>;

/** Records `record` against a server answering `replies`, then replays `replay` with the server gone. */
async function recordThenReplay(
  name: string,
  replies: string[],
  record: (send: Send) => Promise<unknown>,
  replay: (send: Send) => Promise<unknown>,
  options: CassetteOptions = {},
): Promise<{ replayed: unknown; summary: unknown }> {
  const server = await startOpenAIServer(...replies);
  const send: Send = async (path, body, headers = {}) => {
    const response = await fetch(`${server.origin}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return `${response.status} ${(await response.text()).slice(0, 60)}`;
  };
  try {
    const cassette = await startCassette(name, { dir: dir.path, mode: 'record', ...options });
    await record(send);
    await cassette.stop();
  } finally {
    await server.close();
  }
  const cassette = await startCassette(name, { dir: dir.path, mode: 'replay', ...options });
  const replayed = await replay(send);
  const summary = await cassette.stop();
  return { replayed, summary };
}

const start = (id: string) => `200 ${loadCorpus(id).response.body.slice(0, 60)}`;

describe('matching', () => {
  test('ignores the order of query parameters and of JSON keys', async () => {
    const { replayed } = await recordThenReplay(
      'match/order',
      ['01', '12'],
      async (send) => [await send('/v1/models?b=2&a=1'), await send('/v1/x', '{"a":1,"b":{"d":4,"c":3}}')],
      async (send) => [await send('/v1/models?a=1&b=2#fragment'), await send('/v1/x', '{"b":{"c":3,"d":4},"a":1}')],
    );
    expect(replayed).toEqual([start('01'), start('12')]);
  });

  test('leaves `ignoreBodyFields` out of the match, with `[*]` for every element', async () => {
    const body = (user: string, trace: string, name: string) => ({
      user,
      metadata: { trace },
      messages: [{ role: 'user', content: 'hi', name }],
    });
    const { replayed } = await recordThenReplay(
      'match/ignored',
      ['01'],
      (send) => send('/v1/chat/completions', body('u1', 't1', 'n1')),
      (send) => send('/v1/chat/completions', body('u2', 't2', 'n2')),
      { ignoreBodyFields: ['user', 'metadata.trace', 'messages[*].name'] },
    );
    expect(replayed).toBe(start('01'));
  });

  test('replays identical requests in the order they were recorded', async () => {
    const same = async (send: Send) => [
      await send('/v1/c', { q: 1 }),
      await send('/v1/c', { q: 1 }),
      await send('/v1/c', { q: 1 }),
    ];
    const { replayed } = await recordThenReplay('match/order-of-identical', ['01', '12', '14'], same, same);
    expect((replayed as string[]).slice(0, 2)).toEqual([start('01'), start('12')]);
    expect((replayed as string[])[2]).toMatch(/^200 \{\n {2}"id": "chatcmpl-908MD9ivBBLb6EaIjlqwFokntayQK"/); // 14, decoded from gzip
  });

  test('replays the last of identical recordings again with `allowRepeats`', async () => {
    const { replayed, summary } = await recordThenReplay(
      'match/repeats',
      ['01'],
      (send) => send('/v1/c', { q: 1 }),
      async (send) => [await send('/v1/c', { q: 1 }), await send('/v1/c', { q: 1 }), await send('/v1/c', { q: 1 })],
      { allowRepeats: true },
    );
    expect(replayed).toEqual([start('01'), start('01'), start('01')]);
    expect(summary).toMatchObject({ replayed: 3, misses: [] });
  });

  test('asks a custom `matcher` instead of the hash, with redacted headers and the normalised URL', async () => {
    const seen: MatchableRequest[] = [];
    const matcher = (request: MatchableRequest, recorded: MatchableRequest) => {
      seen.push(request);
      return new URL(request.url).pathname === new URL(recorded.url).pathname;
    };
    const { replayed } = await recordThenReplay(
      'match/custom',
      ['01'],
      (send) => send('/v1/c?z=1&a=2', { q: 1 }),
      (send) => send('/v1/c?z=1&a=2', { q: 'anything' }, { authorization: 'Bearer sk-some-key-0123456789' }),
      { matcher },
    );
    expect(replayed).toBe(start('01'));
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: expect.stringMatching(/\/v1\/c\?a=2&z=1$/),
      body: { q: 'anything' },
    });
    expect(seen[0]?.headers['authorization']).toBe('REDACTED');
  });

  test('leaves `ignoreHeaders` out of the file', async () => {
    await recordThenReplay(
      'match/headers',
      ['01'],
      (send) => send('/v1/c', { q: 1 }, { 'x-trace-id': 'abc123', 'x-kept': 'yes' }),
      (send) => send('/v1/c', { q: 1 }),
      { ignoreHeaders: ['X-Trace-Id', 'date'] },
    );
    const text = await readFile(`${dir.path}/match/headers.yaml`, 'utf8');
    expect(text).not.toContain('x-trace-id');
    expect(text).not.toMatch(/\n\s+date:/);
    expect(text).toContain('x-kept: yes');
  });
});
