import OpenAI from 'openai';
import { describe, expect, test } from 'vitest';
import { startCassette } from '../../src/cassette/index.js';
import { startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { chat, rawClient } from './helpers/clients.js';

const dir = useTempDir('spark-cassette-retry-');

/** Records a 429 (retry-after 1 s, retry-after-ms 120) that the SDK retries into a 200. */
async function recordRetriedRateLimit(name: string): Promise<{ baseUrl: string; recordMs: number }> {
  const server = await startOpenAIServer('23', '01');
  try {
    const cassette = await startCassette(name, { dir: dir.path, mode: 'record' });
    const started = performance.now();
    await rawClient(server.baseUrl, { maxRetries: 2 }).chat.completions.create(chat('busy'));
    const recordMs = performance.now() - started;
    expect((await cassette.stop()).recorded).toBe(2);
    return { baseUrl: server.baseUrl, recordMs };
  } finally {
    await server.close();
  }
}

describe('replayed waits', () => {
  test('are shortened to 0 so SDK retries of a replayed 429 do not sleep', async () => {
    const { baseUrl, recordMs } = await recordRetriedRateLimit('retry/short');
    const cassette = await startCassette('retry/short', { dir: dir.path, mode: 'replay' });
    // What each SDK attempt was told to wait, read off the responses it got (no timing: a
    // loaded machine makes wall-clock bounds flaky).
    const waits: (string | null)[][] = [];
    const client = new OpenAI({
      apiKey: 'sk-test-not-a-real-key',
      baseURL: baseUrl,
      maxRetries: 2,
      fetch: async (input, init) => {
        const answer = await globalThis.fetch(input, init);
        waits.push([String(answer.status), answer.headers.get('retry-after'), answer.headers.get('retry-after-ms')]);
        return answer;
      },
    });
    const completion = await client.chat.completions.create(chat('busy'));
    const response = await cassette
      .fetch(`${baseUrl}/chat/completions`, { method: 'POST', body: JSON.stringify(chat('busy')) })
      .catch(() => undefined);
    await cassette.stop().catch(() => undefined);

    expect(completion.id).toBe('chatcmpl-AsZ6UtbaNSMpNU9VJKxvn52t5eJTq');
    expect(recordMs).toBeGreaterThanOrEqual(115); // the live run waited retry-after-ms
    expect(waits).toEqual([
      ['429', '0', '0'],
      ['200', null, null],
    ]);
    expect(response).toBeUndefined(); // both recordings used: the extra request misses
  });

  test('are kept as recorded with `keepRetryAfter`', async () => {
    const { baseUrl } = await recordRetriedRateLimit('retry/kept');
    for (const [keepRetryAfter, expected] of [
      [false, ['0', '0']],
      [true, ['1', '120']],
    ] as const) {
      const cassette = await startCassette('retry/kept', {
        dir: dir.path,
        mode: 'replay',
        keepRetryAfter,
        allowRepeats: true,
      });
      const response = await fetch(`${baseUrl}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify(chat('busy')),
      });
      await cassette.stop();
      expect(response.status).toBe(429);
      expect([response.headers.get('retry-after'), response.headers.get('retry-after-ms')]).toEqual(expected);
      expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    }
  });
});
