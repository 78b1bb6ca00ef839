/**
 * The reference document's model-level examples (docs/internals.md), in TypeScript, against
 * a ScriptedModel: retry on rate limits, truncation on context-window errors, comprehensive
 * error handling, tool calling with a tool map, tool choice, parallel requests.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tool } from '../../src/tools/index.js';
import {
  ModelAPIError,
  ModelContextWindowError,
  ModelError,
  ModelRateLimitError,
  reply,
  ScriptedModel,
} from '../../src/testing/index.js';
import type { ContentBlock, Message, Model, ModelResponse } from '../../src/model/types.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const userText = (text: string): Message => ({ role: 'user', content: [{ text }] });

/** The reference's call_with_retry, with waits in milliseconds instead of tens of seconds. */
async function callWithRetry(model: Model, messages: Message[], maxRetries = 3): Promise<ModelResponse> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await model.getText({ messages });
    } catch (error) {
      if (error instanceof ModelRateLimitError && attempt < maxRetries - 1) {
        await sleep(error.retryAfterMs ?? 2 ** attempt);
        continue;
      }
      throw error;
    }
  }
}

describe('rate limiting (reference: Handling Rate Limits)', () => {
  it('retries after ModelRateLimitError, waiting the advertised time', async () => {
    const model = new ScriptedModel([
      reply.error.rateLimit({ retryAfterMs: 15 }),
      reply.error.rateLimit({ retryAfterMs: 15 }),
      reply.text('Finally.'),
    ]);
    const started = performance.now();
    const response = await callWithRetry(model, [userText('Hello')]);
    expect(response.content).toBe('Finally.');
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(model.calls).toHaveLength(3);
    model.assertDone();
  });

  it('rethrows once the retries are used up', async () => {
    const model = new ScriptedModel([
      reply.error.rateLimit({ retryAfterMs: 1 }),
      reply.error.rateLimit({ retryAfterMs: 1 }),
      reply.error.rateLimit({ retryAfterMs: 1 }),
    ]);
    await expect(callWithRetry(model, [userText('Hello')])).rejects.toBeInstanceOf(ModelRateLimitError);
    expect(model.calls).toHaveLength(3);
  });

  it('processes a batch, waiting and retrying an item once when rate limited', async () => {
    const model = new ScriptedModel([reply.text('A'), reply.error.rateLimit(), reply.text('B'), reply.text('C')]);
    const results: string[] = [];
    for (const item of ['a', 'b', 'c']) {
      const messages = [userText(item)];
      try {
        results.push((await model.getText({ messages })).text);
      } catch (error) {
        if (!(error instanceof ModelRateLimitError)) {
          throw error;
        }
        await sleep(2);
        results.push((await model.getText({ messages })).text);
      }
    }
    expect(results).toEqual(['A', 'B', 'C']);
    expect(model.calls.map((call) => call.lastUserText)).toEqual(['a', 'b', 'b', 'c']);
  });
});

describe('context window (reference: Handling Context Window Errors)', () => {
  it('truncates to the last 20 messages and retries', async () => {
    const model = new ScriptedModel([reply.error.contextWindow(), reply.text('Summary of the recent turns.')]);
    let messages: Message[] = Array.from({ length: 30 }, (_, i) =>
      i % 2 === 0 ? userText(`question ${i}`) : { role: 'assistant', content: [{ text: `answer ${i}` }] },
    );
    let response: ModelResponse;
    try {
      response = await model.getText({ messages });
    } catch (error) {
      expect(error).toBeInstanceOf(ModelContextWindowError);
      messages = messages.slice(-20);
      response = await model.getText({ messages });
    }
    expect(response.content).toBe('Summary of the recent turns.');
    expect(model.calls.map((call) => call.messages.length)).toEqual([30, 20]);
    expect(model.calls[1]?.messages[0]).toEqual(userText('question 10'));
  });
});

describe('complete error handling (reference: robust_model_call)', () => {
  async function robustModelCall(model: Model, initial: Message[], maxRetries = 5): Promise<ModelResponse> {
    let messages = initial;
    for (let attempt = 0; attempt < maxRetries; attempt++) {
      try {
        return await model.getText({ messages });
      } catch (error) {
        if (error instanceof ModelRateLimitError) {
          await sleep(1);
        } else if (error instanceof ModelContextWindowError) {
          messages = messages.slice(-10);
        } else if (error instanceof ModelAPIError) {
          await sleep(1);
        } else {
          throw error;
        }
      }
    }
    throw new ModelError('Max retries exceeded');
  }

  it('recovers from a rate limit, a context-window error and a server error in turn', async () => {
    const model = new ScriptedModel([
      reply.error.rateLimit({ retryAfterMs: 1 }),
      reply.error.contextWindow(),
      reply.error.api({ status: 503 }),
      reply.text('Recovered.'),
    ]);
    const messages = Array.from({ length: 15 }, (_, i) => userText(`m${i}`));
    await expect(robustModelCall(model, messages)).resolves.toMatchObject({ content: 'Recovered.' });
    expect(model.calls.map((call) => call.messages.length)).toEqual([15, 15, 10, 10]);
  });

  it('gives up with ModelError after max retries', async () => {
    const model = new ScriptedModel(Array.from({ length: 5 }, () => reply.error.api({ status: 500 })));
    await expect(robustModelCall(model, [userText('x')])).rejects.toThrow(new ModelError('Max retries exceeded'));
  });

  it('does not swallow a timeout as anything but ModelAPIError', async () => {
    const model = new ScriptedModel([reply.error.timeout({ afterMs: 1 }), reply.text('ok')]);
    await expect(robustModelCall(model, [userText('x')])).resolves.toMatchObject({ content: 'ok' });
    expect(model.calls[0]?.error).toMatchObject({ code: 'timeout' });
  });
});

describe('tool calling (reference: Basic Tool Calling, Controlling Tool Choice)', () => {
  const getWeather = tool({
    name: 'get_weather',
    description: 'Get the current weather for a location.',
    inputSchema: z.object({
      location: z.string().describe('City name or zip code'),
      unit: z.enum(['fahrenheit', 'celsius']).default('fahrenheit'),
    }),
    execute: ({ location }) => `Weather in ${location}: Sunny, 72°F`,
  });
  const toolSpecs = [getWeather.toolSpec];

  it('reads the requested tool from the content blocks when stopReason is tool_use', async () => {
    const model = new ScriptedModel([reply.toolUse('get_weather', { location: 'San Francisco' })]);
    const response = await model.getText({ messages: [userText("What's the weather in San Francisco?")], toolSpecs });
    expect(response.stopReason).toBe('tool_use');
    const uses = (response.content as ContentBlock[]).flatMap((block) => ('toolUse' in block ? [block.toolUse] : []));
    expect(uses).toEqual([{ toolUseId: 'call_scripted_1', name: 'get_weather', input: { location: 'San Francisco' } }]);
  });

  it('forces a specific tool with toolChoice', async () => {
    const model = new ScriptedModel([reply.toolUse('get_weather', { location: 'Paris' })]);
    const response = await model.getText({
      messages: [userText('Anything')],
      toolSpecs,
      toolChoice: { tool: { name: 'get_weather' } },
    });
    expect(response.toolUses[0]?.name).toBe('get_weather');
    expect(model.calls[0]?.toolChoice).toEqual({ tool: { name: 'get_weather' } });
  });

  it('runs the reference multi-turn loop with a tool map', async () => {
    const getUserData = tool({
      name: 'get_user_data',
      description: 'Fetch user data from database.',
      inputSchema: z.object({ user_id: z.string() }),
      execute: ({ user_id }) => ({ id: user_id, name: 'Alice', preferences: { theme: 'dark', language: 'en' } }),
    });
    const updated: unknown[] = [];
    const updateUserPreferences = tool({
      name: 'update_user_preferences',
      description: 'Update user preferences.',
      inputSchema: z.object({ user_id: z.string(), preferences: z.record(z.string(), z.string()) }),
      execute: (input) => {
        updated.push(input);
        return true;
      },
    });
    const model = new ScriptedModel([
      reply.toolUse('get_user_data', { user_id: 'user_123' }),
      reply.error.rateLimit({ retryAfterMs: 1 }),
      reply.toolUse('update_user_preferences', {
        user_id: 'user_123',
        preferences: { theme: 'light', language: 'es' },
      }),
      reply.compute((call) =>
        reply.text(call.toolResults[0]?.status === 'success' ? 'Done: light mode, Spanish.' : 'Failed.'),
      ),
    ]);

    async function processUserRequest(userId: string, request: string): Promise<string | ContentBlock[]> {
      const tools = [getUserData, updateUserPreferences];
      const toolMap = new Map(tools.map((t) => [t.toolName, t]));
      const messages: Message[] = [userText(`User ${userId}: ${request}`)];
      for (let turn = 0; turn < 5; turn++) {
        let response: ModelResponse;
        try {
          response = await model.getText({
            messages,
            systemPrompt: 'You are a helpful user account assistant.',
            toolSpecs: tools.map((t) => t.toolSpec),
          });
        } catch (error) {
          if (error instanceof ModelRateLimitError) {
            await sleep(1);
            continue;
          }
          throw error;
        }
        if (response.stopReason === 'end_turn') {
          return response.content;
        }
        const toolResults: ContentBlock[] = [];
        for (const { toolUseId, name, input } of response.toolUses) {
          const found = toolMap.get(name);
          if (!found) {
            continue;
          }
          try {
            const result = await found(input as never);
            toolResults.push({
              toolResult: { toolUseId, content: [{ text: JSON.stringify(result) }], status: 'success' },
            });
          } catch (error) {
            toolResults.push({
              toolResult: { toolUseId, content: [{ text: `Error: ${(error as Error).message}` }], status: 'error' },
            });
          }
        }
        messages.push(
          { role: 'assistant', content: response.content as ContentBlock[] },
          { role: 'user', content: toolResults },
        );
      }
      return 'Max turns reached without completion';
    }

    await expect(processUserRequest('user_123', 'Change my theme to light mode and language to Spanish')).resolves.toBe(
      'Done: light mode, Spanish.',
    );
    expect(updated).toEqual([{ user_id: 'user_123', preferences: { theme: 'light', language: 'es' } }]);
    expect(model.calls[1]?.toolResults[0]?.content).toEqual([
      { text: '{"id":"user_123","name":"Alice","preferences":{"theme":"dark","language":"en"}}' },
    ]);
    model.assertDone();
  });
});

describe('parallel processing (reference: process_parallel)', () => {
  it('runs prompts concurrently and reports failures as null', async () => {
    const model = new ScriptedModel([
      reply.text('one', { delayMs: 20 }),
      reply.error.api({ status: 500 }),
      reply.text('three', { delayMs: 20 }),
    ]);
    const pending = ['p1', 'p2', 'p3'].map((prompt) => model.getText({ messages: [userText(prompt)] }));
    // Settled at once: the failing call rejects while the first one is still waiting.
    const settling = Promise.allSettled(pending);
    // Concurrent: all three calls were made before the first one answered.
    const callsWhenFirstAnswered = await pending[0]!.then(() => model.calls.length);
    const settled = await settling;
    const results = settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.content : null));
    expect(results).toEqual(['one', null, 'three']);
    expect(callsWhenFirstAnswered).toBe(3);
  });
});
