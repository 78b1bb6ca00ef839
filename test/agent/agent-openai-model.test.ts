/**
 * The reference's "Integration with Agents" example end to end: Agent → OpenAIModel → the real
 * `openai` SDK → HTTP → a loopback server answering with openaiResponseData builders.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Agent } from '../../src/agent/index.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import { openaiResponseData, type HttpResponseData } from '../../src/testing/index.js';
import { tool } from '../../src/tools/index.js';
import { startOpenAIServer, type OpenAIServer, type Reply } from '../helpers/openai-server.js';

const send =
  (data: HttpResponseData): Reply =>
  (_request, res) => {
    res.writeHead(data.status, data.headers);
    res.end(data.body);
  };

const calculate = tool({
  name: 'calculate',
  description: 'Evaluate a mathematical expression.',
  inputSchema: z.object({ expression: z.string() }),
  execute: ({ expression }) => {
    const [a, b] = expression.split('*').map(Number);
    return (a ?? 0) * (b ?? 0);
  },
});
const searchWeb = tool({
  name: 'search_web',
  description: 'Search the web.',
  inputSchema: z.object({ query: z.string() }),
  execute: ({ query }) => ({ query, answer: 'Tokyo has about 14,000,000 inhabitants.' }),
});

describe('Agent with OpenAIModel over HTTP', () => {
  let server: OpenAIServer;
  beforeEach(async () => {
    server = await startOpenAIServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('runs the reference research-assistant example, parallel tools included', async () => {
    server.reply(
      send(
        openaiResponseData.toolCalls([
          { name: 'search_web', arguments: { query: 'population of Tokyo' }, id: 'call_search' },
        ]),
      ),
      send(
        openaiResponseData.toolCalls(
          [
            { name: 'calculate', arguments: { expression: '14000000*0.15' }, id: 'call_calc' },
            { name: 'search_web', arguments: { query: 'Tokyo area' }, id: 'call_area' },
          ],
          { text: 'Calculating.' },
        ),
      ),
      send(openaiResponseData.chatCompletion({ text: "15% of Tokyo's population is about 2,100,000 people." })),
    );
    const model = new OpenAIModel({
      modelId: 'gpt-4o',
      apiKey: 'sk-test-0123456789',
      baseUrl: server.baseUrl,
      maxRetries: 0,
      temperature: 0.7,
      maxTokens: 2000,
    });
    const agent = new Agent({
      model,
      systemPrompt: 'You are a helpful research assistant.',
      tools: [calculate, searchWeb],
      maxSteps: 10,
      parallelToolExecution: true,
    });

    const result = await agent.process('Search for the population of Tokyo, then calculate what 15% of that would be.');

    expect(`${result}`).toBe("15% of Tokyo's population is about 2,100,000 people.");
    expect(result).toMatchObject({ outcome: 'completed', steps: 3 });
    expect(agent.trace.map((call) => [call.name, call.status, call.output])).toEqual([
      ['search_web', 'success', { query: 'population of Tokyo', answer: 'Tokyo has about 14,000,000 inhabitants.' }],
      ['calculate', 'success', 2100000],
      ['search_web', 'success', { query: 'Tokyo area', answer: 'Tokyo has about 14,000,000 inhabitants.' }],
    ]);
    // What went over the wire: the tools, the system prompt, and the tool results as `tool` messages.
    const [first, , third] = server.requests.map(
      (request) =>
        request.body as {
          messages: { role: string; tool_call_id?: string; content?: unknown }[];
          tools?: { function: { name: string } }[];
        },
    );
    expect(first?.tools?.map((t) => t.function.name)).toEqual(['calculate', 'search_web']);
    expect(first?.messages[0]).toMatchObject({ role: 'system', content: 'You are a helpful research assistant.' });
    expect(third?.messages.filter((m) => m.role === 'tool').map((m) => m.tool_call_id)).toEqual([
      'call_search',
      'call_calc',
      'call_area',
    ]);
  });
});
