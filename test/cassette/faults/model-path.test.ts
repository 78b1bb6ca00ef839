import { describe, expect, test } from 'vitest';
import { startCassette } from '../../../src/cassette/index.js';
import type { FaultRule } from '../../../src/cassette/faults/types.js';
import { OpenAIModel } from '../../../src/model/openai-model.js';
import type { Message, ModelStreamEvent } from '../../../src/model/types.js';
import { startOpenAIServer } from '../../helpers/openai-server.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { CHAT_01, KEY } from './helpers.js';

// Faults on OpenAIModel's own path (the cassette's fetch, no MSW): the SDK's retries see them,
// a retried fault is answered from the recording, and the model raises its typed errors.

const dir = useTempDir('spark-faults-model-');
const ask = (text: string): { messages: Message[] } => ({ messages: [{ role: 'user', content: [{ text }] }] });

/** Records one answer (corpus 01) and one stream (06) through OpenAIModel; returns the base URL. */
async function recordModel(): Promise<string> {
  const server = await startOpenAIServer('01', '06');
  try {
    const cassette = await startCassette('model', { dir: dir.path, mode: 'record' });
    const model = new OpenAIModel({ modelId: 'gpt-4o-mini', apiKey: KEY, baseUrl: server.baseUrl, maxRetries: 0 });
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

async function replay(rule: FaultRule, maxRetries: number, timeout?: number) {
  const baseUrl = await recordModel();
  const cassette = await startCassette('model', { dir: dir.path, mode: 'replay', faults: { seed: 3, rules: [rule] } });
  const model = new OpenAIModel({ modelId: 'gpt-4o-mini', baseUrl, maxRetries, ...(timeout ? { timeout } : {}) });
  return { cassette, model };
}

describe('faults through OpenAIModel', () => {
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
    const { cassette, model } = await replay(rule as FaultRule, 0, 300);
    await expect(model.getText(ask('hello'))).rejects.toMatchObject(expected);
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
    const { cassette, model } = await replay(rule as FaultRule, 2, 300);
    const response = await model.getText(ask('hello'));
    expect(response.text).toBe(CHAT_01);
    expect(cassette.faults.map((f) => [f.request, f.kind])).toEqual([[1, rule.kind]]);
    const summary = await cassette.stop();
    expect([summary.replayed, summary.unused.length - 1]).toEqual([1, 0]); // the stream stays unused
  });

  test('context_window is not retried: the SDK does not retry a 400', async () => {
    const { cassette, model } = await replay({ kind: 'context_window', rate: 1 }, 2);
    await expect(model.getText(ask('hello'))).rejects.toMatchObject({ name: 'ModelContextWindowError' });
    expect(cassette.faults).toHaveLength(1);
    await cassette.stop({ failed: true });
  });

  test('a fault that fires on every try exhausts the retries', async () => {
    const { cassette, model } = await replay({ kind: 'rate_limit', rate: 1 }, 2);
    await expect(model.getText(ask('hello'))).rejects.toMatchObject({ name: 'ModelRateLimitError' });
    expect(cassette.faults.map((f) => f.request)).toEqual([1, 2, 3]);
    await cassette.stop({ failed: true });
  });

  test('truncated_stream cuts the stream: the model sees no finish and fails, whether it closes or resets', async () => {
    const streamed = async (rule: FaultRule): Promise<{ events: ModelStreamEvent[]; error?: unknown }> => {
      const { cassette, model } = await replay(rule, 0);
      const events: ModelStreamEvent[] = [];
      let error: unknown;
      try {
        for await (const event of model.stream(ask('stream'))) {
          events.push(event);
        }
      } catch (caught) {
        error = caught;
      }
      await cassette.stop({ failed: true });
      return error === undefined ? { events } : { events, error };
    };
    const whole = await streamed({ kind: 'slow', rate: 0, delayMs: 0 });
    const wholeText = whole.events.filter((e) => e.type === 'text').length;
    const closed = await streamed({ kind: 'truncated_stream', on: [1], afterEvents: 3 });
    const reset = await streamed({ kind: 'truncated_stream', on: [1], afterEvents: 3, end: 'reset' });
    expect(wholeText).toBeGreaterThan(3);
    // A closed stream ends without its last chunks: fewer text events, and no finish reason.
    expect(closed.events.filter((e) => e.type === 'text').length).toBeLessThan(wholeText);
    expect(closed.events.some((e) => e.type === 'response')).toBe(false);
    expect(closed.error).toMatchObject({ name: 'ModelAPIError', code: 'stream_incomplete' });
    expect(reset.error).toMatchObject({ name: 'ModelAPIError' });
  });

  test('slow delays the answer by delayMs and leaves it unchanged', async () => {
    const { cassette, model } = await replay({ kind: 'slow', on: [1], delayMs: 150 }, 0);
    const started = performance.now();
    const response = await model.getText(ask('hello'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect(response.text).toBe(CHAT_01);
    expect(cassette.faults).toEqual([expect.objectContaining({ kind: 'slow', request: 1 })]);
    await cassette.stop({ failed: true });
  });
});

describe('faults through OpenAIModel on the Responses API', () => {
  /** Records one answer (corpus 24) and one stream (30) through OpenAIModel with `api: "responses"`. */
  async function recordResponses(): Promise<string> {
    const server = await startOpenAIServer('24', '30');
    try {
      const cassette = await startCassette('responses', { dir: dir.path, mode: 'record' });
      const model = new OpenAIModel({
        modelId: 'gpt-4o-mini',
        api: 'responses',
        apiKey: KEY,
        baseUrl: server.baseUrl,
        maxRetries: 0,
      });
      await model.getText(ask('What is 2 + 2?'));
      for await (const _ of model.stream(ask('A story'))) {
        // read it all
      }
      await cassette.stop();
      return server.baseUrl;
    } finally {
      await server.close();
    }
  }

  async function replayResponses(rule: FaultRule, maxRetries: number) {
    const baseUrl = await recordResponses();
    const cassette = await startCassette('responses', {
      dir: dir.path,
      mode: 'replay',
      faults: { seed: 3, rules: [rule] },
    });
    const model = new OpenAIModel({ modelId: 'gpt-4o-mini', api: 'responses', baseUrl, maxRetries, timeout: 300 });
    return { cassette, model };
  }

  test.each([
    [
      { kind: 'rate_limit', on: [1] },
      { name: 'ModelRateLimitError', status: 429, retryAfterMs: 0 },
    ],
    [
      { kind: 'server_error', on: [1] },
      { name: 'ModelAPIError', status: 500, code: 'server_error' },
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
    const { cassette, model } = await replayResponses(rule as FaultRule, 0);
    const error = await model.getText(ask('What is 2 + 2?')).catch((caught: unknown) => caught);
    expect(error).toMatchObject(expected);
    if (rule.kind === 'context_window') {
      expect((error as Error).message).toContain('Your input exceeds the context window of this model.');
    }
    await cassette.stop({ failed: true });
  });

  test('a retried 429 is answered from the recording', async () => {
    const { cassette, model } = await replayResponses({ kind: 'rate_limit', on: [1] }, 2);
    expect((await model.getText(ask('What is 2 + 2?'))).text).toBe('4');
    expect(cassette.faults.map((f) => [f.request, f.kind, f.status])).toEqual([[1, 'rate_limit', 429]]);
    await cassette.stop({ failed: true });
  });

  test('truncated_stream: a stream without response.completed fails as incomplete', async () => {
    const { cassette, model } = await replayResponses({ kind: 'truncated_stream', rate: 1, afterEvents: 10 }, 0);
    const events: ModelStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of model.stream(ask('A story'))) {
        events.push(event);
      }
    })().catch((caught: unknown) => caught);
    expect(events.some((event) => event.type === 'text')).toBe(true);
    expect(events.some((event) => event.type === 'response')).toBe(false);
    expect(error).toMatchObject({ name: 'ModelAPIError', code: 'stream_incomplete' });
    await cassette.stop({ failed: true });
  });
});
