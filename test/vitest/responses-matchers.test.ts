import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import '../../src/vitest/setup.js';
import { startCassette, type Cassette } from '../../src/cassette/index.js';
import { loadCorpus } from '../helpers/corpus.js';
import { startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { failureOf } from '../helpers/failure-of.js';

// The matchers read the `function_call` items of Responses API exchanges in a cassette, plain
// and streamed, recorded from the corpus through the raw SDK (any client is recorded).

const dir = useTempDir('spark-responses-matchers-');

/** Asks each corpus exchange of `ids` by its own recorded request, through the raw SDK. */
async function ask(baseURL: string, ids: readonly string[]): Promise<void> {
  const client = new OpenAI({
    apiKey: 'sk-matchers-responses-0123456789',
    baseURL,
    maxRetries: 0,
    fetch: (input, init) => globalThis.fetch(input, init),
  });
  for (const id of ids) {
    const body = loadCorpus(id).request.body as Record<string, unknown>;
    const response = await client.responses.create(body as never);
    if (body['stream'] === true) {
      for await (const _event of response as unknown as AsyncIterable<unknown>) {
        // drained
      }
    }
  }
}

/** Records `ids` into cassette `name`, then replays them with the server gone; both cassettes, stopped. */
async function recordAndReplay(name: string, ids: readonly string[]): Promise<Cassette[]> {
  const server = await startOpenAIServer(...ids);
  let recorded: Cassette;
  try {
    recorded = await startCassette(name, { dir: dir.path, mode: 'record' });
    await ask(server.baseUrl, ids);
    await recorded.stop();
  } finally {
    await server.close();
  }
  const replayed = await startCassette(name, { dir: dir.path, mode: 'replay' });
  await ask(server.baseUrl, ids);
  await replayed.stop();
  return [recorded, replayed];
}

describe('the matchers on a cassette of Responses API exchanges', () => {
  it('read parallel function_call items and the stored follow-up turn (corpus 27 -> 28)', async () => {
    for (const cassette of await recordAndReplay('responses/parallel', ['27', '28'])) {
      expect(cassette).toHaveToolCallSequence([
        'get_temperature',
        { name: 'get_humidity', input: { location: 'San Francisco' } },
      ]);
      expect(cassette).toHaveCalledTool('get_humidity', { location: 'San Francisco' });
      expect(cassette).not.toHaveCalledTool('calculate_heat_index');
      expect(cassette).toHaveModelCallCount(2);
    }
  });

  it('read a function call assembled from a stream, after reasoning (corpus 31)', async () => {
    const [, replayed] = await recordAndReplay('responses/stream', ['31', '26']);
    expect(replayed).toHaveToolCallSequence([
      { name: 'weather', input: { latitude: '52.5200', longitude: '13.4050' } },
    ]);
    expect(replayed).toHaveModelCallCount(2);
  });

  it('fail with the function calls listed in order', async () => {
    const [, replayed] = await recordAndReplay('responses/failing', ['27']);
    const called = failureOf(() => expect(replayed).toHaveCalledTool('calculate_heat_index'));
    expect(called).toContain(
      'Received tool calls:\n  0: get_temperature({"location":"San Francisco"})\n  1: get_humidity({"location":"San Francisco"})',
    );
    const sequence = failureOf(() => expect(replayed).toHaveToolCallSequence(['get_humidity', 'get_temperature']));
    expect(sequence).toContain('Expected 2 tool calls in this order, received 2:');
    expect(failureOf(() => expect(replayed).toHaveModelCallCount(2))).toContain(
      'Expected model calls: 2\nReceived model calls: 1',
    );
  });

  it('count a failed Responses call (corpus 34) as a model call with no tool calls', async () => {
    const server = await startOpenAIServer('34');
    const cassette = await startCassette('responses/error', { dir: dir.path, mode: 'record' });
    try {
      await ask(server.baseUrl, ['34']).catch(() => undefined);
    } finally {
      await cassette.stop();
      await server.close();
    }
    expect(cassette).toHaveModelCallCount(1);
    expect(cassette).toHaveToolCallSequence([]);
  });
});
