import { describe, expect, test } from 'vitest';
import { startCassette } from '../../../src/cassette/index.js';
import type { FaultRule } from '../../../src/cassette/faults/types.js';
import { OpenAIModel } from '../../../src/model/openai-model.js';
import type { Message, ModelStreamEvent } from '../../../src/model/types.js';
import { startOpenAIServer } from '../../helpers/openai-server.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { CHAT_01, KEY } from './helpers.js';

// Faults on OpenAIModel's own path (the cassette's fetch, no MSW), chat completions and the
// Responses API: the SDK's retries see them, a retried fault is answered from the recording,
// and the model raises its typed errors.

const dir = useTempDir('spark-faults-model-');
const ask = (text: string): { messages: Message[] } => ({ messages: [{ role: 'user', content: [{ text }] }] });
type API = 'chat' | 'responses';
// What each API's recording answers: corpus 01 and 06 (chat), 24 and 30 (Responses).
const RECORDED: Record<API, { replies: [string, string]; text: string | undefined }> = {
  chat: { replies: ['01', '06'], text: CHAT_01 },
  responses: { replies: ['24', '30'], text: '4' },
};

/** Records one answer and one stream through OpenAIModel on `api`; returns the base URL. */
async function recordModel(api: API): Promise<string> {
  const server = await startOpenAIServer(...RECORDED[api].replies);
  try {
    const cassette = await startCassette(api, { dir: dir.path, mode: 'record' });
    const model = new OpenAIModel({ modelId: 'gpt-4o-mini', api, apiKey: KEY, baseUrl: server.baseUrl, maxRetries: 0 });
    await model.getText(ask('hello'));
    for await (const _ of model.stream(ask('stream'))) {
      // read it all
    }
    await cassette.stop();
    return server.baseUrl;
  } finally {
    await server.close();
  }
}

async function replay(api: API, rule: FaultRule, maxRetries: number) {
  const baseUrl = await recordModel(api);
  const cassette = await startCassette(api, { dir: dir.path, mode: 'replay', faults: { seed: 3, rules: [rule] } });
  const model = new OpenAIModel({ modelId: 'gpt-4o-mini', api, baseUrl, maxRetries, timeout: 300 });
  return { cassette, model };
}

async function streamed(api: API, rule: FaultRule): Promise<{ events: ModelStreamEvent[]; error: unknown }> {
  const { cassette, model } = await replay(api, rule, 0);
  const events: ModelStreamEvent[] = [];
  try {
    for await (const event of model.stream(ask('stream'))) {
      events.push(event);
    }
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  } finally {
    await cassette.stop({ failed: true });
  }
}

describe.each(['chat', 'responses'] as const)('faults through OpenAIModel (%s)', (api) => {
  test.each([
    [
      { kind: 'rate_limit', on: [1] },
      { name: 'ModelRateLimitError', status: 429, retryAfterMs: 0 },
    ],
    [
      { kind: 'rate_limit', on: [1], retryAfterMs: 250 },
      { name: 'ModelRateLimitError', retryAfterMs: 250 },
    ],
    [
      { kind: 'server_error', on: [1] },
      { name: 'ModelAPIError', status: 500, code: 'server_error' },
    ],
    [
      { kind: 'overloaded', on: [1] },
      { name: 'ModelAPIError', status: 503 },
    ],
    [
      { kind: 'context_window', on: [1] },
      { name: 'ModelContextWindowError', status: 400, code: 'context_length_exceeded' },
    ],
    [
      { kind: 'connection_reset', on: [1] },
      { name: 'ModelAPIError', code: 'connection_error' },
    ],
    [
      { kind: 'timeout', on: [1] },
      { name: 'ModelAPIError', code: 'timeout' },
    ],
  ] as const)('%o with retries off raises %o', async (rule, expected) => {
    const { cassette, model } = await replay(api, rule as FaultRule, 0);
    const error = await model.getText(ask('hello')).catch((caught: unknown) => caught);
    expect(error).toMatchObject(expected);
    if (rule.kind === 'context_window') {
      // In the wording of the API the request went to.
      expect((error as Error).message).toContain(
        api === 'chat'
          ? "This model's maximum context length is 128000 tokens."
          : 'Your input exceeds the context window of this model.',
      );
    }
    expect(cassette.faults).toEqual([expect.objectContaining({ request: 1, kind: rule.kind })]);
    // The fault did not use the recording: nothing was replayed.
    const summary = await cassette.stop({ failed: true });
    expect(summary.replayed).toBe(0);
  });

  test.each([
    { kind: 'rate_limit', on: [1] },
    { kind: 'server_error', on: [1], retryAfterMs: 0 },
    { kind: 'overloaded', on: [1], retryAfterMs: 0 },
    { kind: 'connection_reset', on: [1] },
    { kind: 'timeout', on: [1] },
  ] as const)('%o with retries on: the retry is answered from the recording', async (rule) => {
    const { cassette, model } = await replay(api, rule as FaultRule, 2);
    const response = await model.getText(ask('hello'));
    expect(response.text).toBe(RECORDED[api].text);
    expect(cassette.faults.map((f) => [f.request, f.kind])).toEqual([[1, rule.kind]]);
    const summary = await cassette.stop();
    expect([summary.replayed, summary.unused.length - 1]).toEqual([1, 0]); // the stream stays unused
  });

  test('context_window is not retried: the SDK does not retry a 400', async () => {
    const { cassette, model } = await replay(api, { kind: 'context_window', rate: 1 }, 2);
    await expect(model.getText(ask('hello'))).rejects.toMatchObject({ name: 'ModelContextWindowError' });
    expect(cassette.faults).toHaveLength(1);
    await cassette.stop({ failed: true });
  });

  test('a fault that fires on every try exhausts the retries', async () => {
    const { cassette, model } = await replay(api, { kind: 'rate_limit', rate: 1 }, 2);
    await expect(model.getText(ask('hello'))).rejects.toMatchObject({ name: 'ModelRateLimitError' });
    expect(cassette.faults.map((f) => f.request)).toEqual([1, 2, 3]);
    await cassette.stop({ failed: true });
  });

  test('truncated_stream cuts the stream: the model sees no end and fails, whether it closes or resets', async () => {
    const whole = await streamed(api, { kind: 'slow', rate: 0, delayMs: 0 });
    const wholeText = whole.events.filter((e) => e.type === 'text').length;
    const closed = await streamed(api, { kind: 'truncated_stream', on: [1], afterEvents: 4 });
    const reset = await streamed(api, { kind: 'truncated_stream', on: [1], afterEvents: 4, end: 'reset' });
    expect(whole.error).toBeUndefined();
    expect(wholeText).toBeGreaterThan(3);
    // A closed stream ends without its last events: fewer text events, and no response.
    expect(closed.events.filter((e) => e.type === 'text').length).toBeLessThan(wholeText);
    expect(closed.events.some((e) => e.type === 'response')).toBe(false);
    expect(closed.error).toMatchObject({ name: 'ModelAPIError', code: 'stream_incomplete' });
    expect(reset.error).toMatchObject({ name: 'ModelAPIError' });
  });

  test('slow delays the answer by delayMs and leaves it unchanged', async () => {
    const { cassette, model } = await replay(api, { kind: 'slow', on: [1], delayMs: 150 }, 0);
    const started = performance.now();
    const response = await model.getText(ask('hello'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect(response.text).toBe(RECORDED[api].text);
    expect(cassette.faults).toEqual([expect.objectContaining({ kind: 'slow', request: 1 })]);
    await cassette.stop({ failed: true });
  });
});
