/**
 * The examples of the reference document (docs/internals.md), in TypeScript, against the real SDK and a loopback
 * server serving corpus bytes. Agent and tool examples live in test/agent/.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  ModelAPIError,
  ModelConfigurationError,
  ModelContextWindowError,
  ModelError,
  ModelRateLimitError,
  OpenAIModel,
  countTokens,
  truncateConversation,
  type Message,
  type Model,
  type ModelResponse,
} from '../../src/index.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const user = (text: string): Message => ({ role: 'user', content: [{ text }] });

function model(): OpenAIModel {
  return new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl, maxRetries: 0 });
}

describe('reference: Rate Limiting', () => {
  // call_with_retry, with the waits scaled from seconds to milliseconds.
  async function callWithRetry(m: Model, messages: Message[], maxRetries = 3): Promise<ModelResponse> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await m.getText({ messages });
      } catch (error) {
        if (error instanceof ModelRateLimitError && attempt < maxRetries - 1) {
          await sleep(2 ** attempt * 10);
        } else {
          throw error;
        }
      }
    }
  }

  test('call_with_retry retries rate limits with backoff and returns the answer', async () => {
    server.reply('23', '15', '01');
    const response = await callWithRetry(model(), [user('What is the capital of France?')]);
    expect(response.stopReason).toBe('end_turn');
    expect(server.requests).toHaveLength(3);
  });

  test('call_with_retry re-raises after max_retries rate limits', async () => {
    server.reply('23');
    await expect(callWithRetry(model(), [user('Hi')])).rejects.toBeInstanceOf(ModelRateLimitError);
    expect(server.requests).toHaveLength(3);
  });

  test('process_batch_with_rate_limit waits and retries a rate-limited item', async () => {
    server.reply('01', '23', '01', '01');
    const results: string[] = [];
    for (const item of ['a', 'b', 'c']) {
      const messages = [user(item)];
      try {
        results.push((await model().getText({ messages })).text);
      } catch (error) {
        if (!(error instanceof ModelRateLimitError)) {
          throw error;
        }
        await sleep(2);
        results.push((await model().getText({ messages })).text);
      }
    }
    expect(results).toHaveLength(3);
    expect(server.requests.map((r) => r.body.messages[0].content)).toEqual(['a', 'b', 'b', 'c']);
  });
});

describe('reference: Error Handling (robust_model_call)', () => {
  async function robustModelCall(m: OpenAIModel, input: Message[], maxRetries = 3): Promise<ModelResponse> {
    let messages = input;
    for (let attempt = 0; attempt < maxRetries; attempt++) {
      try {
        return await m.getText({ messages });
      } catch (error) {
        if (error instanceof ModelRateLimitError) {
          if (attempt === maxRetries - 1) {
            throw error;
          }
          await sleep(1);
        } else if (error instanceof ModelContextWindowError) {
          messages = messages.slice(-10);
        } else if (error instanceof ModelAPIError) {
          if (attempt === maxRetries - 1) {
            throw error;
          }
          await sleep(1);
        } else if (error instanceof ModelConfigurationError) {
          m.updateConfig({ temperature: 0.7, maxTokens: 1000 });
        } else if (error instanceof ModelError) {
          throw error;
        } else {
          throw error;
        }
      }
    }
    throw new ModelError('Max retries exceeded');
  }

  test('truncates to the last 10 messages after a context-window error, then succeeds', async () => {
    server.reply('22', '01');
    const long = Array.from({ length: 25 }, (_, i) => user(`message ${i}`));
    const response = await robustModelCall(model(), long);
    expect(response.text.length).toBeGreaterThan(0);
    expect(server.requests[1]?.body.messages).toHaveLength(10);
    expect(server.requests[1]?.body.messages[0].content).toBe('message 15');
  });

  test('retries a server error, then raises "Max retries exceeded" when context errors never stop', async () => {
    server.reply('18', '01');
    await expect(robustModelCall(model(), [user('Hi')])).resolves.toMatchObject({ stopReason: 'end_turn' });
    server.reply('22');
    await expect(robustModelCall(model(), [user('Hi')])).rejects.toThrow('Max retries exceeded');
  });
});

describe('reference: Context Window Management', () => {
  test('truncate_conversation keeps the newest messages within the token budget', async () => {
    server.reply('01');
    const messages = Array.from({ length: 40 }, (_, i) => user(`This is message number ${i} of a long conversation.`));
    const perMessage = countTokens('This is message number 10 of a long conversation.', 'gpt-4o');
    const kept = truncateConversation(messages, { maxTokens: 10 * (perMessage + 4), modelId: 'gpt-4o' });
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(40);
    expect(kept.at(-1)).toEqual(messages.at(-1));
    await model().getText({ messages: kept });
    expect(server.requests[0]?.body.messages).toHaveLength(kept.length);
  });

  test('count_tokens warns about a prompt over the limit', () => {
    const prompt = 'word '.repeat(100_001);
    expect(countTokens(prompt, 'gpt-4o')).toBeGreaterThan(100_000);
    expect(countTokens('Your prompt here...', 'gpt-4o')).toBeLessThan(10);
  });
});

describe('reference: Performance Optimization', () => {
  test('process_parallel runs prompts concurrently and keeps failures apart', async () => {
    let inFlight = 0;
    let peak = 0;
    let served = 0;
    server.reply(async (_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await sleep(30);
      inFlight--;
      const fail = served++ === 3;
      res.writeHead(fail ? 500 : 200, { 'content-type': 'application/json' });
      res.end(
        fail
          ? JSON.stringify({ error: { message: 'boom', type: 'server_error', param: null, code: null } })
          : JSON.stringify({
              id: 'c',
              object: 'chat.completion',
              created: 1,
              model: 'gpt-4o',
              choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'summary' } }],
            }),
      );
    });
    const m = model();
    const prompts = Array.from({ length: 10 }, (_, i) => `Summarize topic ${i}`);
    const settled = await Promise.allSettled(prompts.map((prompt) => m.getText({ messages: [user(prompt)] })));
    const results = settled.map((s) => (s.status === 'fulfilled' ? s.value.content : null));
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.filter((r) => r === 'summary')).toHaveLength(9);
    expect(peak).toBeGreaterThan(1);
  });
});

describe('reference: Best Practices, Monitor Token Usage', () => {
  test('computes the cost from usage', async () => {
    server.reply('01');
    const response = await model().getText({ messages: [user('What is the capital of France?')] });
    const cost = response.usage.inputTokens * 0.000005 + response.usage.outputTokens * 0.000015;
    expect(cost).toBeGreaterThan(0);
    expect(response.usage.totalTokens).toBe(response.usage.inputTokens + response.usage.outputTokens);
  });
});
