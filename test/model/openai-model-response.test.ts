import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { OpenAIModel, type ModelResponse, type ModelStreamEvent } from '../../src/index.js';
import { openaiResponseData } from '../../src/testing/index.js';
import { loadCorpus } from '../helpers/corpus.js';
import { dataReply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

const messages = [{ role: 'user' as const, content: [{ text: 'Hello' }] }];
const model = (modelId = 'gpt-4o-mini'): OpenAIModel =>
  new OpenAIModel({ modelId, apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });

async function streamed(
  events: AsyncIterable<ModelStreamEvent>,
): Promise<{ events: ModelStreamEvent[]; response: ModelResponse }> {
  const seen: ModelStreamEvent[] = [];
  let response: ModelResponse | undefined;
  for await (const event of events) {
    seen.push(event);
    response = event.type === 'response' ? event.response : response;
  }
  return { events: seen, response: response as ModelResponse };
}

describe('the mapped ModelResponse', () => {
  test('counts reasoning and cached tokens from the usage details', async () => {
    server.reply(
      dataReply(
        openaiResponseData.chatCompletion({
          text: 'Paris.',
          promptTokens: 1500,
          completionTokens: 210,
          reasoningTokens: 192,
          cachedTokens: 1024,
        }),
      ),
    );
    const response = await model('o3-mini').getText({ messages });
    expect(response.usage).toEqual({
      inputTokens: 1500,
      outputTokens: 210,
      totalTokens: 1710,
      reasoningTokens: 192,
      cachedInputTokens: 1024,
    });
  });

  test('maps logprobs, top alternatives included, onto the response', async () => {
    server.reply(
      dataReply(
        openaiResponseData.chatCompletion({
          text: 'Hi there',
          logprobs: [
            {
              token: 'Hi',
              logprob: -0.25,
              topLogprobs: [
                { token: 'Hi', logprob: -0.25 },
                { token: 'Hello', logprob: -1.5 },
              ],
            },
            { token: ' there', logprob: -0.5 },
          ],
        }),
      ),
    );
    const response = await model().getText({ messages, logprobs: 2 });
    expect(response.logprobs).toEqual([
      {
        token: 'Hi',
        logprob: -0.25,
        bytes: [72, 105],
        topLogprobs: [
          { token: 'Hi', logprob: -0.25, bytes: [72, 105] },
          { token: 'Hello', logprob: -1.5, bytes: [72, 101, 108, 108, 111] },
        ],
      },
      { token: ' there', logprob: -0.5, bytes: [32, 116, 104, 101, 114, 101], topLogprobs: [] },
    ]);
    expect(response.choices[0]?.logprobs).toEqual(response.logprobs);
  });

  test('gives every choice of n > 1 its content, text, tool uses and stop reason', async () => {
    server.reply(
      dataReply(
        openaiResponseData.choices([
          { text: 'Paris' },
          { toolCalls: [{ name: 'lookup', arguments: { city: 'Lyon' } }] },
          { text: 'Mars', finishReason: 'length' },
        ]),
      ),
    );
    const response = await model().getText({ messages, n: 3 });
    expect(response.text).toBe('Paris');
    expect(
      response.choices.map((choice) => [choice.text, choice.stopReason, choice.toolUses.map((use) => use.name)]),
    ).toEqual([
      ['Paris', 'end_turn', []],
      ['', 'tool_use', ['lookup']],
      ['Mars', 'max_tokens', []],
    ]);
    expect(response.choices[1]?.content).toEqual([
      { toolUse: { toolUseId: expect.stringMatching(/^call_/), name: 'lookup', input: { city: 'Lyon' } } },
    ]);
  });

  test('puts reasoning text from OpenAI-compatible servers on `reasoning`', async () => {
    server.reply(dataReply(openaiResponseData.chatCompletion({ text: '4', reasoning: 'Two plus two is four.' })));
    const response = await model('deepseek-reasoner').getText({ messages });
    expect(response.reasoning).toBe('Two plus two is four.');
    expect(response.text).toBe('4');
  });

  test('leaves logprobs and reasoning out when the server sends none (corpus 01)', async () => {
    server.reply('01');
    const response = await model().getText({ messages });
    expect(response).not.toHaveProperty('logprobs');
    expect(response).not.toHaveProperty('reasoning');
    expect(response.choices).toHaveLength(1);
    expect(response.choices[0]).toMatchObject({ text: response.text, stopReason: 'end_turn' });
    expect(() => JSON.stringify(response)).not.toThrow();
  });
});

describe('streamed responses', () => {
  test('reads the 2026-format tool-call stream (corpus 10) with its usage details', async () => {
    server.reply('10');
    const { response } = await streamed(model().stream({ messages }));
    const final = loadCorpus('10').response.body.trim().split('\n\n').at(-2) ?? '';
    const usage = JSON.parse(final.slice('data: '.length)).usage;
    expect(response.toolUses).toEqual([
      { toolUseId: 'call_QXZLQbxriC1eBnOMXLPMopfe', name: 'get_current_temperature', input: { city: 'San Francisco' } },
    ]);
    expect(response.usage).toEqual({
      inputTokens: usage.prompt_tokens,
      outputTokens: usage.completion_tokens,
      totalTokens: usage.total_tokens,
      reasoningTokens: 0,
      cachedInputTokens: 0,
    });
  });

  test('reads the stream cut off by max_tokens (corpus 11): text, max_tokens, and usage 0 when none was sent', async () => {
    server.reply('11');
    const { events, response } = await streamed(model().stream({ messages, maxTokens: 15 }));
    expect(server.requests[0]?.body).toMatchObject({ max_tokens: 15, stream: true });
    expect(response.stopReason).toBe('max_tokens');
    expect(response.text).toBe(events.flatMap((event) => (event.type === 'text' ? [event.text] : [])).join(''));
    expect(response.text).toMatch(/^The meaning of life is a profound and .* contemplated by$/);
    expect(response.usage).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      totalTokens: 0,
      reasoningTokens: 0,
      cachedInputTokens: 0,
    });
  });

  test('folds every choice of a streamed n > 1, logprobs, reasoning and usage details', async () => {
    server.reply(
      dataReply(
        openaiResponseData.stream({
          choices: [
            { text: 'Paris is lovely', logprobs: true, reasoning: 'France, capital.' },
            { text: 'Lyon', finishReason: 'length' },
          ],
          reasoningTokens: 12,
          cachedTokens: 64,
          promptTokens: 100,
          completionTokens: 30,
        }),
      ),
    );
    const { events, response } = await streamed(model().stream({ messages, n: 2, logprobs: true }));
    expect(events.filter((event) => event.type === 'text').map((event) => (event as { text: string }).text)).toEqual([
      'Paris',
      ' is',
      ' lovely',
    ]);
    expect(response.choices.map((choice) => [choice.text, choice.stopReason])).toEqual([
      ['Paris is lovely', 'end_turn'],
      ['Lyon', 'max_tokens'],
    ]);
    expect(response.logprobs?.map((entry) => entry.token)).toEqual(['Paris', ' is', ' lovely']);
    expect(response.reasoning).toBe('France, capital.');
    expect(response.usage).toMatchObject({ reasoningTokens: 12, cachedInputTokens: 64, totalTokens: 130 });
  });
});
