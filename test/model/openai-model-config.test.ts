import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { OpenAIModel, type OpenAIModelOptions } from '../../src/index.js';
import { configError } from '../helpers/config-error.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer('01');
});
afterEach(async () => {
  await server.close();
});

const messages = [{ role: 'user' as const, content: [{ text: 'Hello' }] }];

describe('OpenAIModel configuration', () => {
  test('applies the reference defaults', () => {
    const config = new OpenAIModel({ modelId: 'gpt-4o' }).getConfig();
    expect(config).toMatchObject({
      modelId: 'gpt-4o',
      temperature: 0.7,
      topP: 1,
      frequencyPenalty: 0,
      presencePenalty: 0,
      enableCache: false,
      cacheTtlSeconds: 86400,
      maxRetries: 2,
    });
    expect(config.maxTokens).toBeUndefined();
    expect(config.stopSequences).toBeUndefined();
  });

  test.each([
    ['temperature', 2.5, /between 0 and 2, got "2.5"/],
    ['temperature', -0.1, /between 0 and 2/],
    ['topP', 1.5, /between 0 and 1/],
    ['frequencyPenalty', -3, /between -2 and 2/],
    ['presencePenalty', 2.1, /between -2 and 2/],
    ['maxTokens', 0, /integer of 1 or more, got "0"/],
    ['maxTokens', 1.5, /integer of 1 or more/],
    ['cacheTtlSeconds', -1, /above 0/],
    ['maxRetries', -1, /0 or more/],
    ['stopSequences', [''], /non-empty strings/],
    ['baseUrl', 'localhost:11434', /http\(s\) URL/],
    ['temperature', Number.NaN, /between 0 and 2/],
  ] as const)('rejects %s = %j, naming the option', (option, value, message) => {
    const error = configError(() => new OpenAIModel({ modelId: 'gpt-4o', [option]: value } as OpenAIModelOptions));
    expect(error.option).toBe(option);
    expect(error.message).toContain(`\`${option}\``);
    expect(error.message).toMatch(message);
  });

  test('rejects a missing model id', () => {
    expect(configError(() => new OpenAIModel({} as OpenAIModelOptions)).option).toBe('modelId');
  });

  test('rejects an unknown option and suggests the camelCase name', () => {
    const error = configError(
      () => new OpenAIModel({ modelId: 'gpt-4o', max_tokens: 10 } as unknown as OpenAIModelOptions),
    );
    expect(error.message).toMatch(/Unknown `OpenAIModel` option `max_tokens`. Did you mean `maxTokens`\?/);
  });

  test('rejects an out-of-range per-call override before sending anything', async () => {
    const model = new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });
    await expect(model.getText({ messages, temperature: 5 })).rejects.toThrow(/`temperature`: must be between 0 and 2/);
    await expect(model.getText({ messages, maxToken: 5 } as never)).rejects.toThrow(/Unknown call option `maxToken`/);
    expect(server.requests).toHaveLength(0);
  });

  test('updateConfig changes later requests and getConfig reports it', async () => {
    const model = new OpenAIModel({
      modelId: 'gpt-4o',
      temperature: 0.7,
      apiKey: 'sk-test-key-123456',
      baseUrl: server.baseUrl,
    });
    model.updateConfig({ temperature: 0.9, maxTokens: 2000, topP: 0.95 });
    expect(model.getConfig()).toMatchObject({ temperature: 0.9, maxTokens: 2000, topP: 0.95 });
    await model.getText({ messages });
    expect(server.requests[0]?.body).toMatchObject({ temperature: 0.9, max_tokens: 2000, top_p: 0.95 });
  });

  test('updateConfig validates and leaves the configuration unchanged on error', () => {
    const model = new OpenAIModel({ modelId: 'gpt-4o' });
    expect(configError(() => model.updateConfig({ temperature: 3 })).option).toBe('temperature');
    expect(configError(() => model.updateConfig({ temprature: 1 } as never)).message).toMatch(/Unknown/);
    expect(model.getConfig().temperature).toBe(0.7);
  });

  test('getConfig masks the API key', () => {
    const config = new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-canary-0123456789abcdef' }).getConfig();
    expect(JSON.stringify(config)).not.toContain('sk-canary-0123456789abcdef');
    expect(config.apiKey).toBe('sk-…cdef');
  });

  test('sends extraParams as they are and refuses ones that would replace managed fields', async () => {
    const model = new OpenAIModel({
      modelId: 'gpt-4o',
      apiKey: 'sk-test-key-123456',
      baseUrl: server.baseUrl,
      extraParams: { seed: 7 },
    });
    await model.getText({ messages, extraParams: { user: 'u-1' } });
    expect(server.requests[0]?.body).toMatchObject({ seed: 7, user: 'u-1' });
    expect(configError(() => new OpenAIModel({ modelId: 'gpt-4o', extraParams: { messages: [] } })).option).toBe(
      'extraParams',
    );
  });

  test('sends max_completion_tokens and only explicit sampling options to reasoning models', async () => {
    const model = new OpenAIModel({
      modelId: 'o3-mini',
      apiKey: 'sk-test-key-123456',
      baseUrl: server.baseUrl,
      maxTokens: 300,
    });
    await model.getText({ messages });
    expect(server.requests[0]?.body).toEqual({
      model: 'o3-mini',
      messages: [{ role: 'user', content: 'Hello' }],
      max_completion_tokens: 300,
    });
    model.updateConfig({ temperature: 1 });
    await model.getText({ messages });
    expect(server.requests[1]?.body.temperature).toBe(1);
  });

  test('builds the reference configuration presets for development and production', () => {
    const createDevModel = () =>
      new OpenAIModel({ modelId: 'gpt-4o-mini', temperature: 0.7, maxTokens: 500, enableCache: true });
    const createProdModel = () =>
      new OpenAIModel({ modelId: 'gpt-4o', temperature: 0.3, maxTokens: 2000, enableCache: false });
    const model = process.env.ENV === 'production' ? createProdModel() : createDevModel();
    expect(model.getConfig()).toMatchObject({ modelId: 'gpt-4o-mini', maxTokens: 500, enableCache: true });
    expect(createProdModel().getConfig()).toMatchObject({ modelId: 'gpt-4o', temperature: 0.3, enableCache: false });
  });

  test('configures the reference OpenAI-compatible providers by base URL', () => {
    const providers = [
      ['llama2', 'http://localhost:11434/v1', 'not-needed'],
      ['meta-llama/Llama-2-7b-hf', 'http://localhost:8000/v1', 'token-abc'],
      ['mistralai/Mixtral-8x7B-Instruct-v0.1', 'https://api.together.xyz/v1', 'together-key-123'],
      ['meta-llama/Llama-2-70b-chat-hf', 'https://api.endpoints.anyscale.com/v1', 'anyscale-key-123'],
    ] as const;
    for (const [modelId, baseUrl, apiKey] of providers) {
      expect(new OpenAIModel({ modelId, baseUrl, apiKey }).getConfig()).toMatchObject({ modelId, baseUrl });
    }
  });
});
