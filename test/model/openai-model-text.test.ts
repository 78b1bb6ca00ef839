import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { OpenAIModel } from '../../src/index.js';
import { loadCorpus } from '../helpers/corpus.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer('01');
});
afterEach(async () => {
  await server.close();
});

const ask = (text: string) => [{ role: 'user' as const, content: [{ text }] }];

describe('OpenAIModel.getText', () => {
  test('returns a text-only reply as a string with usage and end_turn', async () => {
    const model = new OpenAIModel({ modelId: 'gpt-4o-mini', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });
    const response = await model.getText({ messages: ask('What is the capital of France?') });
    const corpus = JSON.parse(loadCorpus('01').response.body);
    expect(response.content).toBe(corpus.choices[0].message.content);
    expect(response.text).toBe(response.content);
    expect(response.toolUses).toEqual([]);
    expect(response.stopReason).toBe('end_turn');
    expect(response.usage).toEqual({
      inputTokens: corpus.usage.prompt_tokens,
      outputTokens: corpus.usage.completion_tokens,
      totalTokens: corpus.usage.total_tokens,
      reasoningTokens: corpus.usage.completion_tokens_details.reasoning_tokens,
      cachedInputTokens: corpus.usage.prompt_tokens_details.cached_tokens,
    });
    expect(response.raw).toEqual(corpus);
  });

  test('sends the reference defaults, the system prompt and the key as a bearer token', async () => {
    const model = new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });
    await model.getText({
      messages: ask("What's the weather like?"),
      systemPrompt: 'You are a helpful weather assistant.',
    });
    const [request] = server.requests;
    expect(request?.url).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-test-key-123456');
    expect(request?.body).toEqual({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'You are a helpful weather assistant.' },
        { role: 'user', content: "What's the weather like?" },
      ],
      temperature: 0.7,
      top_p: 1,
      frequency_penalty: 0,
      presence_penalty: 0,
    });
  });

  test('maps a multi-turn conversation in order', async () => {
    const model = new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });
    await model.getText({
      messages: [
        { role: 'user', content: [{ text: 'What is Python?' }] },
        { role: 'assistant', content: [{ text: 'Python is a high-level programming language...' }] },
        { role: 'user', content: [{ text: 'What is it used for?' }] },
      ],
    });
    expect(server.requests[0]?.body.messages).toEqual([
      { role: 'user', content: 'What is Python?' },
      { role: 'assistant', content: 'Python is a high-level programming language...' },
      { role: 'user', content: 'What is it used for?' },
    ]);
  });

  test('sends per-call overrides of every generation option', async () => {
    const model = new OpenAIModel({
      modelId: 'gpt-4o',
      apiKey: 'sk-test-key-123456',
      baseUrl: server.baseUrl,
      maxTokens: 1000,
    });
    await model.getText({
      messages: ask('Count from 1 to 10'),
      maxTokens: 50,
      temperature: 0,
      topP: 0.5,
      frequencyPenalty: 1,
      presencePenalty: -1,
      stopSequences: ['5'],
    });
    expect(server.requests[0]?.body).toMatchObject({
      max_tokens: 50,
      temperature: 0,
      top_p: 0.5,
      frequency_penalty: 1,
      presence_penalty: -1,
      stop: ['5'],
    });
  });

  test('maps image and document blocks to content parts', async () => {
    const model = new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    await model.getText({
      messages: [
        {
          role: 'user',
          content: [
            { text: 'Describe these.' },
            { image: { format: 'png', source: { bytes: png } } },
            {
              document: {
                format: 'pdf',
                name: 'report.pdf',
                source: { bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46]) },
              },
            },
            {
              document: {
                format: 'txt',
                name: 'notes.txt',
                source: { bytes: new TextEncoder().encode('hello notes') },
              },
            },
          ],
        },
      ],
    });
    expect(server.requests[0]?.body.messages[0].content).toEqual([
      { type: 'text', text: 'Describe these.' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw==' } },
      { type: 'file', file: { filename: 'report.pdf', file_data: 'data:application/pdf;base64,JVBERg==' } },
      { type: 'text', text: '<document name="notes.txt" format="txt">\nhello notes\n</document>' },
    ]);
  });

  test('reads the key and base URL from OPENAI_API_KEY and OPENAI_BASE_URL', async () => {
    process.env.OPENAI_API_KEY = 'sk-from-env-123456';
    process.env.OPENAI_BASE_URL = server.baseUrl;
    try {
      const model = new OpenAIModel({ modelId: 'llama2' });
      const response = await model.getText({ messages: ask('Hello!') });
      expect(response.text.length).toBeGreaterThan(0);
      expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-from-env-123456');
    } finally {
      process.env.OPENAI_API_KEY = '';
      process.env.OPENAI_BASE_URL = '';
    }
  });

  test('talks to a local OpenAI-compatible server with apiKey "not-needed"', async () => {
    const model = new OpenAIModel({ modelId: 'llama2', baseUrl: server.baseUrl, apiKey: 'not-needed' });
    const response = await model.getText({ messages: ask('Hello!') });
    expect(response.stopReason).toBe('end_turn');
    expect(server.requests[0]?.body.model).toBe('llama2');
  });
});
