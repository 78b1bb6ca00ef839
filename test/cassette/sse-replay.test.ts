import { describe, expect, test } from 'vitest';
import OpenAI from 'openai';
import { startCassette, type CassetteOptions } from '../../src/cassette/index.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import type { ModelStreamEvent } from '../../src/model/types.js';
import { loadCorpus } from '../helpers/corpus.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Streams 06 to 11 of the corpus: text, include_usage, tool-call deltas, parallel tool calls,
// the "obfuscation" field, finish_reason length. Each is read live from a loopback server with
// no cassette, then while recording, then replayed with the server gone: through OpenAIModel
// (the cassette's own fetch) and through the raw SDK (MSW), the three must read the same.

const dir = useTempDir('spark-cassette-sse-');
const STREAMS = ['06', '07', '08', '09', '10', '11'] as const;
const KEY = 'sk-test-stream-0123456789';

interface Reading {
  model: ModelStreamEvent[];
  sdk: OpenAI.ChatCompletionChunk[];
}

async function read(baseUrl: string, id: string): Promise<Reading> {
  const { body } = loadCorpus(id).request as { body: OpenAI.ChatCompletionCreateParamsStreaming };
  const sdk = new OpenAI({
    apiKey: KEY,
    baseURL: baseUrl,
    maxRetries: 0,
    fetch: (i, init) => globalThis.fetch(i, init),
  });
  const chunks: OpenAI.ChatCompletionChunk[] = [];
  for await (const chunk of await sdk.chat.completions.create(body)) {
    chunks.push(chunk);
  }
  const model = new OpenAIModel({ modelId: body.model, apiKey: KEY, baseUrl, maxRetries: 0 });
  const events: ModelStreamEvent[] = [];
  for await (const event of model.stream({ messages: [{ role: 'user', content: [{ text: `stream ${id}` }] }] })) {
    events.push(event);
  }
  return { model: events, sdk: chunks };
}

// Reads from a server of its own, closed afterwards with its connections: a keep-alive socket
// opened before MSW listens is never intercepted (the next phase would bypass the cassette).
async function withServer<T>(id: string, run: (server: OpenAIServer) => Promise<T>): Promise<T> {
  const server = await startOpenAIServer(id);
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

async function liveRecordReplay(id: string, options: CassetteOptions = {}): Promise<Reading[]> {
  const live = await withServer(id, (server) => read(server.baseUrl, id));
  let baseUrl = '';
  const recorded = await withServer(id, async (server) => {
    baseUrl = server.baseUrl;
    const recording = await startCassette(`stream-${id}`, { dir: dir.path, mode: 'record', ...options });
    try {
      return await read(server.baseUrl, id);
    } finally {
      await recording.stop();
    }
  });
  const replay = await startCassette(`stream-${id}`, { dir: dir.path, mode: 'replay', ...options });
  try {
    const replayed = await read(baseUrl, id);
    return [live, recorded, replayed];
  } finally {
    expect(await replay.stop()).toMatchObject({ replayed: 2, misses: [] });
  }
}

const toolDeltas = (events: ModelStreamEvent[], toolUseId: string): string[] =>
  events.flatMap((e) => (e.type === 'toolUseDelta' && e.toolUseId === toolUseId ? [e.inputDelta] : []));

describe('a recorded stream', () => {
  test.each(STREAMS)(
    'replays corpus %s as it streamed live, through OpenAIModel.stream and the raw SDK',
    async (id) => {
      const [live, recorded, replayed] = await liveRecordReplay(id);
      expect(recorded).toEqual(live);
      expect(replayed).toEqual(live);
      // Every event of the corpus arrived, one SDK chunk per data event but [DONE].
      const dataEvents = loadCorpus(id)
        .response.body.split('\n\n')
        .filter((b) => b.startsWith('data: {'));
      expect(replayed?.sdk).toHaveLength(dataEvents.length);
    },
  );

  test('keeps parallel tool calls apart, with arguments split across chunks (corpus 09)', async () => {
    const [, , replayed] = await liveRecordReplay('09');
    const events = replayed?.model ?? [];
    const uses = events.flatMap((e) => (e.type === 'toolUse' ? [e.toolUse] : []));
    expect(uses.map((use) => use.input['location'])).toEqual(['San Francisco', 'Boston']);
    for (const use of uses) {
      expect(toolDeltas(events, use.toolUseId).length).toBeGreaterThan(1);
      expect(JSON.parse(toolDeltas(events, use.toolUseId).join(''))).toEqual(use.input);
    }
  });

  test('ends with the usage chunk, and keeps the obfuscation field (corpora 07 and 10)', async () => {
    for (const id of ['07', '10']) {
      const [, , replayed] = await liveRecordReplay(id);
      const last = replayed?.sdk.at(-1);
      expect(last?.choices).toEqual([]);
      expect(last?.usage?.total_tokens).toBeGreaterThan(0);
      if (id === '10') {
        expect(replayed?.sdk.some((chunk) => 'obfuscation' in chunk)).toBe(true);
      }
      const response = replayed?.model.at(-1);
      expect(response?.type === 'response' && response.response.usage.totalTokens).toBe(last?.usage?.total_tokens);
    }
  });

  test('reports finish_reason length as max_tokens (corpus 11)', async () => {
    const [, , replayed] = await liveRecordReplay('11');
    expect(replayed?.sdk.at(-1)?.choices[0]?.finish_reason).toBe('length');
    const response = replayed?.model.at(-1);
    expect(response?.type === 'response' && response.response.stopReason).toBe('max_tokens');
  });
});
