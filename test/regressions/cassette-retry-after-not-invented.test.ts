import { describe, expect, test } from 'vitest';
import { startCassette } from '../../src/cassette/index.js';
import { ModelRateLimitError } from '../../src/model/errors.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import { startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Bug: replay added `retry-after-ms: 0` to every retryable response, so a 429 recorded without
// retry headers (corpus 15) replayed as a ModelRateLimitError with `retryAfterMs: 0` and another
// message: OpenAIModel no longer raised the same error offline. Only recorded waits are shortened now.

const dir = useTempDir('spark-regression-retry-');

describe('a replayed 429 without retry headers', () => {
  test('keeps them absent, so OpenAIModel raises the same error as when recorded', async () => {
    const server = await startOpenAIServer('15');
    const ask = (model: OpenAIModel) =>
      model.getText({ messages: [{ role: 'user', content: [{ text: 'big' }] }] }).catch((e: unknown) => e);
    let recorded: unknown;
    try {
      const cassette = await startCassette('retry/none', { dir: dir.path, mode: 'record' });
      recorded = await ask(
        new OpenAIModel({
          modelId: 'gpt-4o-mini',
          baseUrl: server.baseUrl,
          apiKey: 'sk-test-0123456789',
          maxRetries: 0,
        }),
      );
      await cassette.stop();
    } finally {
      await server.close();
    }
    const cassette = await startCassette('retry/none', { dir: dir.path, mode: 'replay' });
    const replayed = await ask(new OpenAIModel({ modelId: 'gpt-4o-mini', baseUrl: server.baseUrl, maxRetries: 0 }));
    await cassette.stop();
    expect(replayed).toBeInstanceOf(ModelRateLimitError);
    expect(replayed).toMatchObject({ retryAfterMs: undefined, message: (recorded as Error).message, status: 429 });
  });
});
