import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ModelConfigurationError } from '../../src/model/errors.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import { openaiResponseData } from '../../src/testing/index.js';
import { dataReply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

// Bugs: an image with a `url` source failed with a raw TypeError from Buffer; `n > 1` returned
// only the first choice; "openai/o3-mini" was not recognised as a reasoning model (it got
// `max_tokens` and a `system` message); per-call `timeout` and `maxRetries` were rejected as
// unknown options.

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer('01');
});
afterEach(async () => {
  await server.close();
});

const model = (modelId = 'gpt-4o') =>
  new OpenAIModel({ modelId, apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl, maxTokens: 50 });

describe("options of today's OpenAI", () => {
  test('an image URL is sent, a malformed source is a ModelConfigurationError', async () => {
    await model().getText({
      messages: [{ role: 'user', content: [{ image: { source: { url: 'https://example.com/a.png' } } }] }],
    });
    expect(server.requests[0]?.body.messages[0].content).toEqual([
      { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
    ]);
    await expect(
      model().getText({ messages: [{ role: 'user', content: [{ image: { source: {} } } as never] }] }),
    ).rejects.toBeInstanceOf(ModelConfigurationError);
  });

  test('every choice of n > 1 comes back', async () => {
    server.reply(dataReply(openaiResponseData.choices([{ text: 'a' }, { text: 'b' }])));
    const response = await model().getText({ messages: [{ role: 'user', content: 'x' }], n: 2 });
    expect(response.choices.map((choice) => choice.text)).toEqual(['a', 'b']);
  });

  test('a provider-prefixed reasoning model gets max_completion_tokens and a developer message', async () => {
    await model('openai/o3-mini').getText({ messages: [{ role: 'user', content: 'x' }], systemPrompt: 'Be brief.' });
    expect(server.requests[0]?.body).toMatchObject({
      max_completion_tokens: 50,
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: 'x' },
      ],
    });
  });

  test('timeout and maxRetries are accepted per call', async () => {
    await expect(
      model().getText({ messages: [{ role: 'user', content: 'x' }], timeout: 5_000, maxRetries: 0 }),
    ).resolves.toMatchObject({ stopReason: 'end_turn' });
  });
});
