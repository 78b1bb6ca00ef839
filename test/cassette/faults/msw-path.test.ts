import OpenAI from 'openai';
import { describe, expect, test } from 'vitest';
import { startCassette } from '../../../src/cassette/index.js';
import type { FaultRule } from '../../../src/cassette/faults/types.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import {
  CHAT_01,
  KEY,
  question,
  recordFixture,
  RESPONSES_STREAM,
  RESPONSES_TEXT,
  sseData,
  STREAMED,
} from './helpers.js';

// Faults on the MSW path: the raw openai SDK (retries on and off) and plain fetch, chat and
// the Responses API. Requests are numbered from 1 in the order the cassette sees them.

const dir = useTempDir('spark-faults-msw-');

async function replaying(
  rule: FaultRule,
): Promise<{ baseUrl: string; stop: () => Promise<unknown>; faults: () => unknown[] }> {
  const baseUrl = await recordFixture(dir.path, 'msw', { chats: 2, stream: true, responses: true });
  const cassette = await startCassette('msw', { dir: dir.path, mode: 'replay', faults: { seed: 11, rules: [rule] } });
  return { baseUrl, stop: () => cassette.stop({ failed: true }), faults: () => [...cassette.faults] };
}

const sdk = (baseURL: string, maxRetries: number, timeout = 60_000): OpenAI =>
  new OpenAI({ apiKey: KEY, baseURL, maxRetries, timeout });

describe('faults through the raw openai SDK (MSW)', () => {
  test.each([
    [{ kind: 'rate_limit', on: [1] }, OpenAI.RateLimitError],
    [{ kind: 'server_error', on: [1] }, OpenAI.InternalServerError],
    [{ kind: 'server_error', on: [1], status: 502 }, OpenAI.InternalServerError],
    [{ kind: 'overloaded', on: [1] }, OpenAI.InternalServerError],
    [{ kind: 'context_window', on: [1] }, OpenAI.BadRequestError],
    [{ kind: 'connection_reset', on: [1] }, OpenAI.APIConnectionError],
    [{ kind: 'timeout', on: [1] }, OpenAI.APIConnectionTimeoutError],
  ] as const)('%o with retries off throws %o', async (rule, errorClass) => {
    const { baseUrl, stop, faults } = await replaying(rule as FaultRule);
    const error = await sdk(baseUrl, 0, 300)
      .chat.completions.create(question(1))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(errorClass);
    if (rule.kind === 'context_window') {
      expect(error).toMatchObject({ status: 400, code: 'context_length_exceeded' });
    }
    expect(faults()).toEqual([expect.objectContaining({ request: 1, kind: rule.kind })]);
    await stop();
  });

  test.each([
    { kind: 'rate_limit', on: [1, 3] },
    { kind: 'server_error', on: [1], status: 503, retryAfterMs: 0 },
    { kind: 'connection_reset', on: [1] },
    { kind: 'timeout', on: [1] },
  ] as const)('%o with retries on: each retried request gets its recorded answer', async (rule) => {
    const { baseUrl, stop, faults } = await replaying(rule as FaultRule);
    const client = sdk(baseUrl, 2, 300);
    const first = await client.chat.completions.create(question(1));
    const second = await client.chat.completions.create(question(2));
    expect([first.choices[0]?.message.content, second.choices[0]?.message.content]).toEqual([CHAT_01, CHAT_01]);
    expect(faults()).toHaveLength(rule.on.length);
    await stop();
  });

  test('context_window on /v1/responses speaks the Responses API wording', async () => {
    const { baseUrl, stop } = await replaying({
      kind: 'context_window',
      when: (request) => request.api === 'responses',
    });
    const chat = await sdk(baseUrl, 0).chat.completions.create(question(1));
    expect(chat.choices[0]?.message.content).toBe(CHAT_01);
    const error = await sdk(baseUrl, 0)
      .responses.create(RESPONSES_TEXT as OpenAI.Responses.ResponseCreateParamsNonStreaming)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400, code: 'context_length_exceeded', param: 'input' });
    expect((error as Error).message).toContain('Your input exceeds the context window of this model.');
    await stop();
  });

  test('truncated_stream ends a chat stream without its [DONE] and a Responses stream without response.completed', async () => {
    const { baseUrl, stop, faults } = await replaying({ kind: 'truncated_stream', rate: 1, afterEvents: 5 });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of await sdk(baseUrl, 0).chat.completions.create(STREAMED)) {
      chunks.push(chunk);
    }
    expect(chunks).toHaveLength(5);
    expect(chunks.every((chunk) => chunk.choices[0]?.finish_reason === null)).toBe(true);
    const types: string[] = [];
    for await (const event of await sdk(baseUrl, 0).responses.create({ ...RESPONSES_STREAM, stream: true })) {
      types.push(event.type);
    }
    expect(types).toHaveLength(5);
    expect(types).not.toContain('response.completed');
    // Only the streamed answers were cut: the rule passes over answers that are not streams.
    expect(faults()).toHaveLength(2);
    await stop();
  });

  test('truncated_stream with end "reset" fails the read as a dropped connection', async () => {
    const { baseUrl, stop } = await replaying({ kind: 'truncated_stream', rate: 1, afterEvents: 2, end: 'reset' });
    const read = async (): Promise<number> => {
      let n = 0;
      for await (const _ of await sdk(baseUrl, 0).chat.completions.create(STREAMED)) {
        n++;
      }
      return n;
    };
    await expect(read()).rejects.toThrow('terminated');
    await stop();
  });

  test('slow with perEventMs paces every event of a stream', async () => {
    const { baseUrl, stop } = await replaying({ kind: 'slow', rate: 1, delayMs: 0, perEventMs: 20 });
    const response = await fetch(`${baseUrl}/chat/completions`, { method: 'POST', body: JSON.stringify(STREAMED) });
    const started = performance.now();
    const text = await response.text();
    const events = sseData(text).length;
    expect(events).toBeGreaterThan(5);
    expect(performance.now() - started).toBeGreaterThanOrEqual(events * 20 - 5);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    await stop();
  });
});

describe('faults through fetch (MSW)', () => {
  const post = (baseUrl: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${baseUrl}/chat/completions`, { method: 'POST', body: JSON.stringify(question(1)), ...init });

  test('an error fault is the status, then the recording answers the same request', async () => {
    const { baseUrl, stop, faults } = await replaying({ kind: 'rate_limit', on: [1] });
    expect((await post(baseUrl)).status).toBe(429);
    expect((await post(baseUrl)).status).toBe(200);
    expect(faults()).toEqual([expect.objectContaining({ request: 1, kind: 'rate_limit', status: 429 })]);
    await stop();
  });

  test('connection_reset rejects fetch with a TypeError', async () => {
    const { baseUrl, stop } = await replaying({ kind: 'connection_reset', on: [1] });
    await expect(post(baseUrl)).rejects.toThrow(TypeError);
    await stop();
  });

  test('timeout holds the answer until the signal aborts, and leaves no timer behind', async () => {
    const { baseUrl, stop } = await replaying({ kind: 'timeout', on: [1] });
    const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    const controller = new AbortController();
    const pending = post(baseUrl, { signal: controller.signal });
    const settled = await Promise.race([
      pending.then(
        () => 'answered',
        () => 'failed',
      ),
      new Promise((r) => setImmediate(() => r('held'))),
    ]);
    expect(settled).toBe('held');
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(timers()).toBeLessThanOrEqual(before);
    await stop();
  });

  test('a request held with no signal fails when the cassette stops, so stop() does not hang', async () => {
    const { baseUrl, stop } = await replaying({ kind: 'timeout', on: [1] });
    const pending = post(baseUrl);
    const failed = pending.catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await stop();
    expect(await failed).toBeInstanceOf(TypeError);
  });
});
