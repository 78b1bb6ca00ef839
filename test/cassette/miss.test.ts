import { http } from 'msw';
import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { describe, expect, test, vi } from 'vitest';
import { CassetteMissError, cassetteErrorFrom, startCassette } from '../../src/cassette/index.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import { startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { chat, closedBaseUrl, rawClient } from './helpers/clients.js';

const dir = useTempDir('spark-cassette-miss-');

/** Records one exchange (`Paris`) and returns the base URL it was recorded at (server closed). */
async function recordParis(name: string): Promise<string> {
  const server = await startOpenAIServer('01');
  try {
    const cassette = await startCassette(name, { dir: dir.path, mode: 'record' });
    await rawClient(server.baseUrl).chat.completions.create(chat('Paris'));
    await cassette.stop();
    return server.baseUrl;
  } finally {
    await server.close();
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the call to fail'),
    (error: unknown) => error,
  );
}

describe('a replay miss', () => {
  test('reaches a raw SDK caller at once, after one attempt, although the client may retry twice', async () => {
    const baseUrl = await recordParis('miss/raw');
    const cassette = await startCassette('miss/raw', { dir: dir.path, mode: 'replay' });
    const error = await rejection(rawClient(baseUrl, { maxRetries: 2 }).chat.completions.create(chat('London')));
    const stopped = await rejection(cassette.stop());

    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toContain('Cassette miss in');
    expect(cassetteErrorFrom(error)).toBeInstanceOf(CassetteMissError);
    expect(cassette.summary?.misses).toHaveLength(1); // one attempt: a retry would miss again
    expect(stopped).toBe(cassetteErrorFrom(error));
  });

  test('would reach the SDK as a retried 500 if thrown inside an MSW resolver (the trap avoided above)', async () => {
    let attempts = 0;
    const server = setupServer(
      http.all('*', () => {
        attempts++;
        throw new Error('thrown in a resolver');
      }),
    );
    server.listen({ onUnhandledFrame: 'error' });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined); // MSW logs each exception
    try {
      const error = await rejection(
        rawClient(await closedBaseUrl(), { maxRetries: 2 }).chat.completions.create(chat('x')),
      );
      expect(error).toBeInstanceOf(OpenAI.InternalServerError);
      expect(attempts).toBe(3);
    } finally {
      quiet.mockRestore();
      server.close();
    }
  });

  test('reaches an OpenAIModel caller at once as the CassetteMissError itself', async () => {
    const baseUrl = await recordParis('miss/model');
    const cassette = await startCassette('miss/model', { dir: dir.path, mode: 'replay' });
    const model = new OpenAIModel({ modelId: 'gpt-4o-mini', baseUrl });
    const error = await rejection(model.getText({ messages: [{ role: 'user', content: [{ text: 'London' }] }] }));
    await rejection(cassette.stop());

    expect(error).toBeInstanceOf(CassetteMissError);
    expect(cassette.summary?.misses).toEqual([error]); // one attempt: a retry would miss again
  });

  test('names the file, the request, the closest recording, each differing path and the re-record command', async () => {
    const baseUrl = await recordParis('miss/message');
    const cassette = await startCassette('miss/message', { dir: dir.path, mode: 'replay' });
    const error = cassetteErrorFrom(
      await rejection(rawClient(baseUrl).chat.completions.create(chat('London', 'gpt-4o'))),
    );
    await rejection(cassette.stop());

    expect(error).toBeInstanceOf(CassetteMissError);
    const miss = error as CassetteMissError;
    expect(miss.cassettePath).toBe(`${dir.path}/miss/message.yaml`);
    expect(miss.message).toContain(`Cassette miss in ${cassette.path}`);
    expect(miss.message).toContain(`no recording matches POST ${baseUrl}/chat/completions`);
    expect(miss.message).toContain(`Closest recording: ${miss.closest?.id} (POST ${baseUrl}/chat/completions)`);
    expect(miss.message).toContain('  body.model: "gpt-4o-mini" -> "gpt-4o"');
    expect(miss.message).toContain('  body.messages[0].content: "Paris" -> "London"');
    expect(miss.message).toContain('SPARK_CASSETTE_MODE=record npx vitest run test/cassette/miss.test.ts');
    expect(miss.request).toEqual({ method: 'POST', url: `${baseUrl}/chat/completions` });
    expect(miss.differences).toEqual([
      { path: 'body.model', recorded: '"gpt-4o-mini"', received: '"gpt-4o"' },
      { path: 'body.messages[0].content', recorded: '"Paris"', received: '"London"' },
    ]);
    expect(miss.diff).toBe('body.model: "gpt-4o-mini" -> "gpt-4o"\nbody.messages[0].content: "Paris" -> "London"');
    expect(miss.reason).toBe('no-match');
  });

  test('is reported again by stop() when the code under test swallowed it', async () => {
    const baseUrl = await recordParis('miss/swallowed');
    const cassette = await startCassette('miss/swallowed', { dir: dir.path, mode: 'replay' });
    await rawClient(baseUrl)
      .chat.completions.create(chat('London'))
      .catch(() => undefined);

    const error = await rejection(cassette.stop());
    expect(error).toBeInstanceOf(CassetteMissError);
    expect(await rejection(cassette.stop())).toBe(error); // idempotent: the same outcome again
  });

  test('says so when every recording of an identical request was already used', async () => {
    const baseUrl = await recordParis('miss/exhausted');
    const cassette = await startCassette('miss/exhausted', { dir: dir.path, mode: 'replay' });
    const client = rawClient(baseUrl);
    await client.chat.completions.create(chat('Paris'));
    const error = cassetteErrorFrom(await rejection(client.chat.completions.create(chat('Paris'))));
    await rejection(cassette.stop());

    expect(error).toMatchObject({ reason: 'exhausted', differences: [], diff: '' });
    expect(error?.message).toContain(`POST ${baseUrl}/chat/completions was already answered by its only recording`);
    expect(error?.message).toContain('Set `allowRepeats: true`');
  });

  test('never reaches the network in replay mode, even without a cassette file', async () => {
    const server = await startOpenAIServer('01');
    try {
      const cassette = await startCassette('miss/absent', { dir: dir.path, mode: 'replay' });
      const response = await fetch(`${server.baseUrl}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify(chat('hi')),
      });
      const error = await rejection(cassette.stop());

      expect(server.requests).toHaveLength(0);
      expect(response.status).toBe(400);
      expect(response.headers.get('x-should-retry')).toBe('false');
      expect(await response.json()).toMatchObject({ error: { type: 'cassette_error', code: 'CassetteMissError' } });
      expect(error).toMatchObject({ name: 'CassetteMissError', reason: 'no-file' });
      expect((error as Error).message).toContain('the file does not exist');
    } finally {
      await server.close();
    }
  });
});
