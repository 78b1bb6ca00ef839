import { afterEach, beforeEach, expect, test } from 'vitest';
import { ModelContextWindowError, ModelRateLimitError, OpenAIModel } from '../../src/index.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

// An error reported inside a 200 stream has no HTTP status: it used to become a plain
// ModelAPIError whatever its code, so a rate limit mid-stream could not be retried as one.

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

function streamOf(data: object): (request: unknown, res: import('node:http').ServerResponse) => void {
  return (_request, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(`data: ${JSON.stringify(data)}\n\n`);
  };
}

async function streamError(): Promise<unknown> {
  const model = new OpenAIModel({ modelId: 'gpt-4o-mini', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });
  try {
    for await (const _event of model.stream({ messages: [{ role: 'user', content: 'Hi' }] })) {
      // drained
    }
  } catch (error) {
    return error;
  }
  return undefined;
}

test('an error chunk of a chat stream is classified by its code', async () => {
  server.reply(streamOf({ error: { message: 'Rate limit reached.', type: 'requests', code: 'rate_limit_exceeded' } }));
  expect(await streamError()).toBeInstanceOf(ModelRateLimitError);
  server.reply(
    streamOf({ error: { message: 'Your input exceeds the context window.', code: 'context_length_exceeded' } }),
  );
  expect(await streamError()).toBeInstanceOf(ModelContextWindowError);
});
