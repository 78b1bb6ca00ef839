import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import OpenAI from 'openai';
import { describe, expect, test } from 'vitest';
import {
  serializeCassette,
  startCassette,
  type Cassette,
  type JsonValue,
  type RecordedInteraction,
} from '../../src/cassette/index.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import { loadCorpus } from '../helpers/corpus.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { trackOpenStreams, type OpenStreams } from './helpers/open-streams.js';

// A consumer that stops reading a replayed stream part-way leaves nothing behind: the stream is
// cancelled (counted by trackOpenStreams), no timer is pending, and the cassette stops.

const dir = useTempDir('spark-cassette-sse-abort-');
const URL = 'https://api.openai.com/v1/chat/completions';
const QUESTION = 'Tell me a short joke';

// Corpus 06's events as a recording of OpenAIModel's request, each event `gapMs` after the last.
async function writeStream(name: string, gapMs: number): Promise<void> {
  const { response } = loadCorpus('06');
  const events = response.body
    .split('\n\n')
    .filter(Boolean)
    .map((block, i) => {
      const data = block.slice('data: '.length);
      return data === '[DONE]' ? { data, offsetMs: i * gapMs } : { json: JSON.parse(data), offsetMs: i * gapMs };
    });
  const model = new OpenAIModel({ modelId: 'gpt-3.5-turbo', apiKey: 'sk-unused-0123456789' });
  const body = requestBodyOf(model);
  const { canonicalBody, normalizeUrl } = await import('../../src/cassette/normalize.js');
  const { requestHash } = await import('../../src/cassette/hash.js');
  const hash = requestHash('POST', normalizeUrl(URL), canonicalBody(body, []));
  const interaction: RecordedInteraction = {
    id: `${hash.slice(0, 12)}-1`,
    hash,
    request: { method: 'POST', url: URL, headers: {}, body: { json: body } },
    response: { status: 200, headers: { 'content-type': 'text/event-stream' }, body: { events } },
    recordedAt: '2025-01-01T00:00:00.000Z',
  };
  await writeFile(join(dir.path, `${name}.yaml`), serializeCassette({ version: 1, interactions: [interaction] }));
}

// The body OpenAIModel.stream sends for QUESTION (and the raw SDK below sends the same).
function requestBodyOf(_model: OpenAIModel): Record<string, JsonValue> {
  return {
    model: 'gpt-3.5-turbo',
    messages: [{ role: 'user', content: QUESTION }],
    temperature: 0.7,
    top_p: 1,
    frequency_penalty: 0,
    presence_penalty: 0,
    stream: true,
    stream_options: { include_usage: true },
  };
}

const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

async function replaying(
  name: string,
  streamTiming: boolean,
  use: (cassette: Cassette, streams: OpenStreams) => Promise<void>,
): Promise<void> {
  const before = timers();
  const cassette = await startCassette(name, { dir: dir.path, mode: 'replay', streamTiming, allowRepeats: true });
  const streams = trackOpenStreams();
  try {
    await use(cassette, streams);
  } finally {
    streams.restore();
    await expect(cassette.stop({ failed: true })).resolves.toMatchObject({ misses: [] });
  }
  expect(streams.open()).toBe(0);
  expect(timers()).toBeLessThanOrEqual(before);
}

const model = (): OpenAIModel => new OpenAIModel({ modelId: 'gpt-3.5-turbo', maxRetries: 0 });
const messages = [{ role: 'user' as const, content: [{ text: QUESTION }] }];

describe('a replayed stream', () => {
  test('replays at once without `streamTiming`, whatever times it holds', async () => {
    await writeStream('far-apart', 600_000);
    await replaying('far-apart', false, async () => {
      const texts: string[] = [];
      for await (const event of model().stream({ messages })) {
        texts.push(event.type === 'text' ? event.text : '');
      }
      expect(texts.join('')).toBe("Why couldn't the bicycle stand up by itself? Because it was two-tired!");
    });
  });

  test("waits for each event's recorded time with `streamTiming`, and an abort clears the wait", async () => {
    await writeStream('far-apart', 600_000);
    await replaying('far-apart', true, async (cassette, streams) => {
      const controller = new AbortController();
      const response = streams.track(
        await cassette.fetch(URL, {
          method: 'POST',
          body: JSON.stringify(requestBodyOf(model())),
          signal: controller.signal,
        }),
      );
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      expect((await reader.read()).done).toBe(false);
      let second = 'pending';
      void reader.read().then(
        () => (second = 'read'),
        (error: Error) => (second = error.name),
      );
      for (let i = 0; i < 20; i++) {
        await turn();
      }
      expect(second).toBe('pending');
      expect(streams.open()).toBe(1);
      controller.abort();
      await expect.poll(() => second).toBe('AbortError');
    });
  });

  test.each([false, true])(
    'leaves nothing open when OpenAIModel.stream is aborted part-way (timing %s)',
    async (timing) => {
      await writeStream('aborted', timing ? 20 : 0);
      await replaying('aborted', timing, async () => {
        const controller = new AbortController();
        const events: string[] = [];
        const reading = (async () => {
          for await (const event of model().stream({ messages, signal: controller.signal })) {
            events.push(event.type);
            if (events.length === 3) {
              controller.abort();
            }
          }
        })();
        await expect(reading).rejects.toMatchObject({ name: 'ModelAPIError', code: 'aborted' });
        expect(events).not.toContain('response');
      });
    },
  );

  test.each([false, true])(
    'leaves nothing open when a loop over OpenAIModel.stream breaks (timing %s)',
    async (timing) => {
      await writeStream('broken', timing ? 20 : 0);
      await replaying('broken', timing, async () => {
        const seen: string[] = [];
        for await (const event of model().stream({ messages })) {
          seen.push(event.type);
          if (event.type === 'text') {
            break;
          }
        }
        expect(seen).toEqual(['text']);
      });
    },
  );

  test.each([false, true])(
    'leaves nothing open when a loop over the raw SDK breaks, through MSW (timing %s)',
    async (timing) => {
      await writeStream('sdk', timing ? 20 : 0);
      await replaying('sdk', timing, async (_cassette, streams) => {
        const sdk = new OpenAI({
          apiKey: 'sk-unused-0123456789',
          maxRetries: 0,
          fetch: (i, init) => globalThis.fetch(i, init),
        });
        const stream = await sdk.chat.completions.create(
          requestBodyOf(model()) as unknown as OpenAI.ChatCompletionCreateParamsStreaming,
        );
        for await (const chunk of stream) {
          expect(chunk.object).toBe('chat.completion.chunk');
          break;
        }
        await expect.poll(() => streams.open()).toBe(0);
      });
    },
  );
});
