import { describe, expect, test, vi } from 'vitest';
import { startCassette } from '../../src/cassette/index.js';
import { OpenAIModel } from '../../src/model/index.js';
import { closedBaseUrl } from '../cassette/helpers/clients.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Bug: an error inside the cassette that was not one of its own (here a recording whose server
// is down) became `Response.error()` on the MSW path: the client saw an anonymous network error
// ("fetch failed") and the error itself, with its cause, was lost. Now it is thrown on: MSW logs
// it and answers a 500 that names it. On OpenAIModel's direct path it stays the error's cause.
// (A user hook that throws is a cassette error since issue 10: cassette-user-hook-throws.test.ts.)

const dir = useTempDir('spark-regression-passed-on-');

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let at = error; at instanceof Error && chain.length < 10; at = at.cause) {
    chain.push(at);
  }
  return chain;
}

describe('an error inside a cassette that is not a cassette error', () => {
  test('reaches an MSW-intercepted client named, and is logged with its cause', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const cassette = await startCassette('passed-on/msw', { dir: dir.path, mode: 'record' });
      const response = await fetch(`${await closedBaseUrl()}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [] }),
      });
      await cassette.stop();

      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
      const failure = logged.mock.calls.flat().find((arg) => arg instanceof TypeError) as TypeError | undefined;
      expect(failure?.message).toBe('fetch failed');
      expect((failure?.cause as NodeJS.ErrnoException | undefined)?.code).toBe('ECONNREFUSED');
    } finally {
      logged.mockRestore();
    }
  });

  test('reaches an OpenAIModel caller as the cause of its error', async () => {
    const cassette = await startCassette('passed-on/model', { dir: dir.path, mode: 'record' });
    const model = new OpenAIModel({
      modelId: 'gpt-4o-mini',
      baseUrl: await closedBaseUrl(),
      apiKey: 'sk-passed-on-0123456789',
      maxRetries: 0,
    });
    const error = await model.getText({ messages: [{ role: 'user', content: [{ text: 'hi' }] }] }).catch((e) => e);
    await cassette.stop();

    expect(error).toMatchObject({ name: 'ModelAPIError' });
    const failure = causes(error).find((cause) => cause instanceof TypeError) as TypeError | undefined;
    expect(failure?.message).toBe('fetch failed');
    expect((failure?.cause as NodeJS.ErrnoException | undefined)?.code).toBe('ECONNREFUSED');
  });
});
