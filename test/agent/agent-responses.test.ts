/**
 * `Agent` runs unchanged over both OpenAI APIs: the same agent code against chat completions and
 * the Responses API, and over the real Responses exchanges 25 -> 26 (a reasoning model with
 * `store: false`, whose reasoning must travel back with the tool call).
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Agent, OpenAIModel, type OpenAIAPI } from '../../src/index.js';
import { openaiResponseData, type HttpResponseData } from '../../src/testing/index.js';
import { requestBody, weatherTool } from '../helpers/responses-corpus.js';
import { dataReply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

const recorded25 = requestBody('25');
const recorded26 = requestBody('26');
const weather = weatherTool;

describe('Agent over the Responses API', () => {
  test('runs a tool turn of a reasoning model with store: false, sending 26 exactly as OpenAI accepted it', async () => {
    server.reply('25', '26');
    const agent = new Agent({
      model: new OpenAIModel({
        modelId: 'gpt-5-nano',
        api: 'responses',
        store: false,
        apiKey: 'sk-test-key-123456',
        baseUrl: server.baseUrl,
      }),
      tools: [weather],
    });
    const result = await agent.process("What's the weather in Berlin? (52.5200, 13.4050)");
    const { stream: _25, ...first } = recorded25;
    const { stream: _26, ...second } = recorded26;
    // Both requests as recorded, to the letter, but for `stream: false`, which the SDK leaves out.
    expect(server.requests.map((request) => request.body)).toEqual([first, second]);
    expect(result.outcome).toBe('completed');
    expect(result.steps).toBe(2);
    expect(result.toolCalls.map(({ name, input, status }) => ({ name, input, status }))).toEqual([
      { name: 'weather', input: { latitude: '52.5200', longitude: '13.4050' }, status: 'success' },
    ]);
    expect(result.text).toMatch(/^Current weather in Berlin \(52\.5200, 13\.4050\): 15°C/);
    expect(result.usage).toEqual({
      inputTokens: 87 + 330,
      outputTokens: 211 + 259,
      totalTokens: 298 + 589,
      reasoningTokens: 128 + 192,
      cachedInputTokens: 0,
    });
  });
});

describe('the same Agent code over both APIs', () => {
  const replies: Record<OpenAIAPI, HttpResponseData[]> = {
    chat: [
      openaiResponseData.toolCalls([
        { name: 'weather', arguments: { latitude: '48.85', longitude: '2.35' }, id: 'call_paris' },
        { name: 'weather', arguments: { latitude: '51.51', longitude: '-0.13' }, id: 'call_london' },
      ]),
      openaiResponseData.chatCompletion({ text: 'Both are at 15°C.' }),
    ],
    responses: [
      openaiResponseData.response({
        toolCalls: [
          { name: 'weather', arguments: { latitude: '48.85', longitude: '2.35' }, id: 'call_paris' },
          { name: 'weather', arguments: { latitude: '51.51', longitude: '-0.13' }, id: 'call_london' },
        ],
      }),
      openaiResponseData.response({ text: 'Both are at 15°C.' }),
    ],
  };

  test.each(['chat', 'responses'] as const)('runs parallel tool calls to the same result on %s', async (api) => {
    server.reply(...replies[api].map(dataReply));
    const agent = new Agent({
      model: new OpenAIModel({ modelId: 'gpt-4o-mini', api, apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl }),
      systemPrompt: 'Answer briefly.',
      tools: [weather],
      parallelToolExecution: true,
    });
    const result = await agent.process('Weather in Paris and London?');
    expect(result.text).toBe('Both are at 15°C.');
    expect(result.toolCalls.map((call) => call.toolUseId)).toEqual(['call_paris', 'call_london']);
    const path = api === 'chat' ? '/v1/chat/completions' : '/v1/responses';
    expect(server.requests.map((request) => request.url)).toEqual([path, path]);
    if (api === 'responses') {
      expect(server.requests[1]?.body.instructions).toBe('Answer briefly.');
      expect(server.requests[1]?.body.input.slice(1)).toEqual([
        {
          type: 'function_call',
          call_id: 'call_paris',
          name: 'weather',
          arguments: '{"latitude":"48.85","longitude":"2.35"}',
        },
        {
          type: 'function_call',
          call_id: 'call_london',
          name: 'weather',
          arguments: '{"latitude":"51.51","longitude":"-0.13"}',
        },
        {
          type: 'function_call_output',
          call_id: 'call_paris',
          output: 'Current weather at 48.85, 2.35: 15°C, Wind: 10 km/h',
        },
        {
          type: 'function_call_output',
          call_id: 'call_london',
          output: 'Current weather at 51.51, -0.13: 15°C, Wind: 10 km/h',
        },
      ]);
    }
  });
});
