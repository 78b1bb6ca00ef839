import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ModelConfigurationError, OpenAIModel, tool, type OpenAIModelOptions } from '../../src/index.js';
import { openaiResponseData } from '../../src/testing/index.js';
import { configError } from '../helpers/config-error.js';
import { dataReply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer('01');
});
afterEach(async () => {
  await server.close();
});

const messages = [{ role: 'user' as const, content: [{ text: 'Hello' }] }];
const model = (options: Partial<OpenAIModelOptions> = {}): OpenAIModel =>
  new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl, ...options });

const getWeather = tool({
  name: 'get_weather',
  description: 'Get the weather.',
  inputSchema: z.object({ location: z.string(), unit: z.enum(['celsius', 'fahrenheit']).optional() }),
  execute: () => 'sunny',
});

describe('generation options on the wire', () => {
  test('sends each option set on the model under its API name', async () => {
    await model({
      reasoningEffort: 'low',
      verbosity: 'high',
      n: 3,
      logprobs: 4,
      parallelToolCalls: false,
    }).getText({ messages, toolSpecs: [getWeather.toolSpec] });
    expect(server.requests[0]?.body).toMatchObject({
      reasoning_effort: 'low',
      verbosity: 'high',
      n: 3,
      logprobs: true,
      top_logprobs: 4,
      parallel_tool_calls: false,
    });
  });

  test('a call overrides the model, option by option', async () => {
    const configured = model({ reasoningEffort: 'low', verbosity: 'high', n: 3, logprobs: true });
    await configured.getText({ messages, reasoningEffort: 'high', verbosity: 'low', n: 1, logprobs: false });
    const body = server.requests[0]?.body;
    expect(body).toMatchObject({ reasoning_effort: 'high', verbosity: 'low', n: 1 });
    expect(body).not.toHaveProperty('logprobs');
    expect(body).not.toHaveProperty('top_logprobs');
  });

  test('updateConfig changes them for later calls', async () => {
    const configured = model();
    configured.updateConfig({ reasoningEffort: 'medium', logprobs: true });
    expect(configured.getConfig()).toMatchObject({ reasoningEffort: 'medium', logprobs: true });
    await configured.getText({ messages });
    expect(server.requests[0]?.body).toMatchObject({ reasoning_effort: 'medium', logprobs: true });
    expect(server.requests[0]?.body).not.toHaveProperty('top_logprobs');
  });

  test('sends nothing it was not asked for', async () => {
    await model().getText({ messages });
    expect(Object.keys(server.requests[0]?.body).sort()).toEqual([
      'frequency_penalty',
      'messages',
      'model',
      'presence_penalty',
      'temperature',
      'top_p',
    ]);
  });

  test('sends parallel_tool_calls only with tools, which the API requires', async () => {
    await model({ parallelToolCalls: true }).getText({ messages });
    expect(server.requests[0]?.body).not.toHaveProperty('parallel_tool_calls');
  });

  test('strictTools sends strict function tools and reads the nulls of left-out arguments back out', async () => {
    server.reply(
      dataReply(openaiResponseData.toolCalls([{ name: 'get_weather', arguments: { location: 'Paris', unit: null } }])),
    );
    const response = await model({ strictTools: true }).getText({ messages, toolSpecs: [getWeather.toolSpec] });
    expect(server.requests[0]?.body.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Get the weather.',
          parameters: {
            type: 'object',
            properties: {
              location: { type: 'string' },
              unit: { type: ['string', 'null'], enum: ['celsius', 'fahrenheit', null] },
            },
            required: ['location', 'unit'],
            additionalProperties: false,
          },
          strict: true,
        },
      },
    ]);
    expect(response.toolUses).toEqual([
      { toolUseId: expect.stringMatching(/^call_/), name: 'get_weather', input: { location: 'Paris' } },
    ]);
  });

  test('strictTools refuses a tool schema strict mode cannot express, naming the tool and the path', async () => {
    const open = tool({
      name: 'save',
      description: 'Save metadata.',
      inputSchema: { type: 'object', properties: { metadata: { type: 'object' } }, required: ['metadata'] },
      execute: () => 'ok',
    });
    const error = (await model({ strictTools: true })
      .getText({ messages, toolSpecs: [open.toolSpec] })
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as ModelConfigurationError;
    expect(error).toBeInstanceOf(ModelConfigurationError);
    expect(error.option).toBe('strictTools');
    expect(error.message).toMatch(/the `inputSchema` of tool "save" for strict mode: the schema at "metadata"/);
    expect(error.message).toContain('Pass `strictTools: false`');
    expect(server.requests).toHaveLength(0);
  });

  test('per-call timeout fails a slow request with the timeout named', async () => {
    server.reply(async (_request, res) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      res.end();
    });
    await expect(model({ maxRetries: 0 }).getText({ messages, timeout: 50 })).rejects.toMatchObject({
      name: 'ModelAPIError',
      code: 'timeout',
      message: expect.stringMatching(/timed out after 50 ms/),
    });
  });

  test('per-call maxRetries overrides the model', async () => {
    server.reply((_request, res) => {
      res.writeHead(500, { 'content-type': 'application/json', 'retry-after-ms': '1' });
      res.end(JSON.stringify({ error: { message: 'boom', type: 'server_error', code: null, param: null } }));
    });
    const configured = model({ maxRetries: 0 });
    await expect(configured.getText({ messages, maxRetries: 2 })).rejects.toMatchObject({ status: 500 });
    expect(server.requests).toHaveLength(3);
    await expect(configured.getText({ messages })).rejects.toMatchObject({ status: 500 });
    expect(server.requests).toHaveLength(4);
  });

  test.each([
    ['reasoningEffort', 'extreme', /must be "minimal", "low", "medium" or "high", got "extreme"/],
    ['verbosity', 'loud', /must be "low", "medium" or "high"/],
    ['n', 0, /an integer from 1 to 128, got "0"/],
    ['n', 2.5, /an integer from 1 to 128/],
    ['logprobs', 21, /an integer from 0 to 20/],
    ['logprobs', 'yes', /must be true, false, or how many alternatives/],
    ['parallelToolCalls', 'no', /must be true or false/],
    ['strictTools', 1, /must be true or false/],
    ['timeout', 0, /milliseconds above 0/],
    ['maxRetries', 1.5, /an integer of 0 or more/],
  ] as const)('rejects %s = %j in the constructor, updateConfig and per call', async (option, value, message) => {
    for (const attempt of [
      () => model({ [option]: value } as Partial<OpenAIModelOptions>),
      () => model().updateConfig({ [option]: value } as Partial<OpenAIModelOptions>),
    ]) {
      const error = configError(attempt);
      expect(error.option).toBe(option);
      expect(error.message).toMatch(message);
      expect(error.message).toContain(`Invalid \`${option}\``);
    }
    await expect(model().getText({ messages, [option]: value } as never)).rejects.toMatchObject({
      name: 'ModelConfigurationError',
      option,
    });
    expect(server.requests).toHaveLength(0);
  });

  test('points getJson options given to getText at getJson', async () => {
    await expect(model().getText({ messages, jsonSchema: {} } as never)).rejects.toThrow(
      /Unknown call option `jsonSchema` for `getText`. `jsonSchema` belongs to `getJson`./,
    );
  });
});

describe('reasoning models', () => {
  test.each(['o3-mini', 'openai/o3-mini', 'openrouter/openai/o4-mini', 'gpt-5', 'o1-2024-12-17'])(
    '%s gets the system prompt as a developer message and max_completion_tokens',
    async (modelId) => {
      await model({ modelId, maxTokens: 200, reasoningEffort: 'high' }).getText({
        messages,
        systemPrompt: 'Be terse.',
      });
      expect(server.requests[0]?.body).toEqual({
        model: modelId,
        messages: [
          { role: 'developer', content: 'Be terse.' },
          { role: 'user', content: 'Hello' },
        ],
        max_completion_tokens: 200,
        reasoning_effort: 'high',
      });
    },
  );

  test.each(['gpt-4o', 'gpt-5-chat-latest', 'openai/gpt-4o-mini', 'llama3.1'])(
    '%s keeps the system role and max_tokens',
    async (modelId) => {
      await model({ modelId, maxTokens: 200 }).getText({ messages, systemPrompt: 'Be terse.' });
      expect(server.requests[0]?.body.messages[0]).toEqual({ role: 'system', content: 'Be terse.' });
      expect(server.requests[0]?.body.max_tokens).toBe(200);
    },
  );
});
