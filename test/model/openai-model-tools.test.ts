import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ModelResponseError, OpenAIModel, type Message, type ToolSpec } from '../../src/index.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

const weather: ToolSpec = {
  name: 'get_weather',
  description: 'Get the current weather for a location.',
  inputSchema: { json: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } },
};
const square: ToolSpec = {
  name: 'square_number',
  description: 'Returns the square of a number.',
  inputSchema: { json: { type: 'object', properties: { number: { type: 'integer' } }, required: ['number'] } },
};

function model(): OpenAIModel {
  return new OpenAIModel({ modelId: 'gpt-4o-mini', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });
}

const ask = (text: string): Message[] => [{ role: 'user', content: [{ text }] }];

describe('OpenAIModel tool calling', () => {
  test('returns a tool call as a toolUse block with parsed input', async () => {
    server.reply('02');
    const response = await model().getText({ messages: ask('What is the square of 5?'), toolSpecs: [square] });
    expect(response.stopReason).toBe('tool_use');
    expect(response.content).toEqual([
      { toolUse: { toolUseId: 'call_i6JVJ1KxX79A4WzFri98E03U', name: 'square_number', input: { number: 5 } } },
    ]);
    expect(response.toolUses).toEqual([
      { toolUseId: 'call_i6JVJ1KxX79A4WzFri98E03U', name: 'square_number', input: { number: 5 } },
    ]);
    expect(server.requests[0]?.body.tools).toEqual([
      {
        type: 'function',
        function: { name: 'square_number', description: square.description, parameters: square.inputSchema.json },
      },
    ]);
  });

  test('returns several tool calls of one turn in order', async () => {
    server.reply('03');
    const response = await model().getText({ messages: ask('Search three times'), toolSpecs: [weather] });
    expect(response.toolUses.map((use) => [use.name, use.input])).toEqual([
      ['parallel_local_search_one', { query: 'latest OpenAI model release notes' }],
      ['parallel_local_search_two', { query: 'latest Anthropic model release notes' }],
      ['parallel_local_search_three', { query: 'latest Gemini model release notes' }],
    ]);
  });

  test('decodes a gzip-compressed response with parallel tool calls', async () => {
    server.reply('21');
    const response = await model().getText({
      messages: ask('Weather in San Francisco and Boston?'),
      toolSpecs: [weather],
    });
    expect(response.toolUses.map((use) => use.input)).toEqual([{ location: 'San Francisco' }, { location: 'Boston' }]);
    expect(response.usage.totalTokens).toBe(116);
  });

  test.each([
    [{ auto: {} }, 'auto'],
    [{ any: {} }, 'required'],
    [{ tool: { name: 'get_weather' } }, { type: 'function', function: { name: 'get_weather' } }],
    [{ none: {} }, 'none'],
  ] as const)('maps toolChoice %j to tool_choice', async (toolChoice, expected) => {
    server.reply('01');
    await model().getText({ messages: ask('Weather?'), toolSpecs: [weather, square], toolChoice });
    expect(server.requests[0]?.body.tool_choice).toEqual(expected);
  });

  test('rejects a forced tool that is not offered before sending anything', async () => {
    server.reply('01');
    await expect(
      model().getText({ messages: ask('Weather?'), toolSpecs: [weather], toolChoice: { tool: { name: 'get_time' } } }),
    ).rejects.toThrow(/no tool named "get_time".*Offered tools: "get_weather"/);
    expect(server.requests).toHaveLength(0);
  });

  test('sends tool uses and tool results back in the chat completions format', async () => {
    server.reply('01');
    await model().getText({
      toolSpecs: [weather],
      messages: [
        { role: 'user', content: [{ text: 'Weather in Paris and Rome?' }] },
        {
          role: 'assistant',
          content: [
            { text: 'Checking.' },
            { toolUse: { toolUseId: 'call_1', name: 'get_weather', input: { location: 'Paris' } } },
            { toolUse: { toolUseId: 'call_2', name: 'get_weather', input: { location: 'Rome' } } },
          ],
        },
        {
          role: 'user',
          content: [
            { toolResult: { toolUseId: 'call_1', content: [{ json: { tempC: 21 } }], status: 'success' } },
            { toolResult: { toolUseId: 'call_2', content: [{ text: 'service down' }], status: 'error' } },
          ],
        },
      ],
    });
    expect(server.requests[0]?.body.messages).toEqual([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"tempC":21}' },
      { role: 'tool', tool_call_id: 'call_2', content: 'Error: service down' },
    ]);
  });

  test('keeps text beside tool uses in content', async () => {
    server.reply((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1,
          model: 'llama3',
          choices: [
            {
              index: 0,
              finish_reason: 'stop',
              message: {
                role: 'assistant',
                content: 'Let me check.',
                tool_calls: [
                  { id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Oslo"}' } },
                ],
              },
            },
          ],
          usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
        }),
      );
    });
    const response = await model().getText({ messages: ask('Weather in Oslo?'), toolSpecs: [weather] });
    expect(response.content).toEqual([
      { text: 'Let me check.' },
      { toolUse: { toolUseId: 'c1', name: 'get_weather', input: { location: 'Oslo' } } },
    ]);
    expect(response.text).toBe('Let me check.');
    expect(response.stopReason).toBe('tool_use');
  });

  test('quotes tool arguments that are not valid JSON', async () => {
    server.reply((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: 'x',
          object: 'chat.completion',
          created: 1,
          model: 'm',
          choices: [
            {
              index: 0,
              finish_reason: 'tool_calls',
              message: {
                role: 'assistant',
                content: null,
                tool_calls: [
                  { id: 'c', type: 'function', function: { name: 'get_weather', arguments: '{"location": "Par' } },
                ],
              },
            },
          ],
        }),
      );
    });
    const error = await model()
      .getText({ messages: ask('Weather?'), toolSpecs: [weather] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelResponseError);
    expect((error as Error).message).toContain('tool "get_weather"');
    expect((error as Error).message).toContain('"{\\"location\\": \\"Par"');
  });
});
