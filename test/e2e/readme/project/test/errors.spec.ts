import { http } from 'msw';
import { setupServer } from 'msw/node';
import { ModelContextWindowError, OpenAIModel, type Message } from 'spark-models';
import { ScriptedModel, openaiResponses, reply } from 'spark-models/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const messages: Message[] = [{ role: 'user', content: [{ text: 'Hello' }] }];

describe('errors from a script', () => {
  test('a rate limit, then an answer', async () => {
    const model = new ScriptedModel([reply.error.rateLimit({ retryAfterMs: 250 }), reply.text('Hello!')]);

    await expect(model.getText({ messages })).rejects.toMatchObject({ name: 'ModelRateLimitError', retryAfterMs: 250 });
    await expect(model.getText({ messages })).resolves.toMatchObject({ text: 'Hello!' });
  });

  test('a conversation too long for the model', async () => {
    const model = new ScriptedModel([reply.error.contextWindow()]);

    await expect(model.getText({ messages })).rejects.toThrow(ModelContextWindowError);
  });
});

describe('errors over HTTP', () => {
  // Your own MSW server, answering with the OpenAI-shaped responses of spark-models/testing.
  const server = setupServer();
  beforeAll(() => server.listen());
  afterAll(() => server.close());

  // No cassette here, so any key will do; with maxRetries: 0 the SDK does not retry the 429.
  const model = new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'test-key', maxRetries: 0 });

  test('a 429 becomes ModelRateLimitError, with the wait the server asked for', async () => {
    server.use(
      http.post('https://api.openai.com/v1/chat/completions', () => openaiResponses.rateLimit({ retryAfterMs: 120 })),
    );

    await expect(model.getText({ messages })).rejects.toMatchObject({ name: 'ModelRateLimitError', retryAfterMs: 120 });
  });

  test('a 400 context_length_exceeded becomes ModelContextWindowError', async () => {
    server.use(http.post('https://api.openai.com/v1/chat/completions', () => openaiResponses.contextLengthExceeded()));

    await expect(model.getText({ messages })).rejects.toThrow(ModelContextWindowError);
  });
});
