import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI from 'openai';
import { describe, expect, test } from 'vitest';
import { startCassette } from '../../src/cassette/index.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import type { ModelResponse, ModelStreamEvent } from '../../src/model/types.js';
import { loadCorpus } from '../helpers/corpus.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { useEnv } from './helpers/env.js';

// The Responses API exchanges of the corpus (24 to 35), each read live from a loopback server
// with no cassette, then while recording, then replayed with the server gone and no key: through
// the raw SDK (`client.responses.create`, `client.responses.stream`, intercepted by MSW) and
// through OpenAIModel (the cassette's own fetch). All three readings must be the same.

const dir = useTempDir('spark-cassette-responses-');
const env = useEnv();
const CANARY = 'sk-canary-responses-record-0123456789';

type Body = Record<string, unknown>;

function sdk(baseURL: string, key: string | undefined): OpenAI {
  const apiKey = key ?? 'sk-stand-in-for-replay';
  // A fetch looked up at call time, so a client built before MSW listens is still intercepted.
  return new OpenAI({ apiKey, baseURL, maxRetries: 0, fetch: (input, init) => globalThis.fetch(input, init) });
}

async function settle<T>(call: () => Promise<T>): Promise<T | Record<string, unknown>> {
  try {
    return await call();
  } catch (error) {
    const e = error as InstanceType<typeof OpenAI.APIError>;
    return { class: e.constructor.name, status: e.status, code: e.code, message: e.message };
  }
}

async function withServer<T>(id: string, run: (server: OpenAIServer) => Promise<T>): Promise<T> {
  const server = await startOpenAIServer(id);
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

/**
 * `read` live, while recording cassette `name`, and replaying it with the server gone and no key
 * in the environment: `read` gets the key to use, undefined when replaying (the raw SDK insists
 * on one, so it is given a stand-in).
 */
async function liveRecordReplay<T>(
  id: string,
  name: string,
  read: (baseUrl: string, key: string | undefined) => Promise<T>,
): Promise<T[]> {
  const live = await withServer(id, (server) => read(server.baseUrl, CANARY));
  let baseUrl = '';
  const recorded = await withServer(id, async (server) => {
    baseUrl = server.baseUrl;
    const recording = await startCassette(name, { dir: dir.path, mode: 'record' });
    try {
      return await read(server.baseUrl, CANARY);
    } finally {
      await recording.stop();
    }
  });
  env.set({ OPENAI_API_KEY: undefined });
  const replay = await startCassette(name, { dir: dir.path, mode: 'replay' });
  try {
    return [live, recorded, await read(baseUrl, undefined)];
  } finally {
    await replay.stop();
  }
}

const cassetteText = (name: string): Promise<string> => readFile(join(dir.path, `${name}.yaml`), 'utf8');

describe('the raw SDK against recorded Responses API exchanges', () => {
  test.each(['24', '25', '26', '27', '28', '29', '32', '33'])(
    'client.responses.create reads exchange %s the same live, recording and replaying',
    async (id) => {
      const body = loadCorpus(id).request.body as Body;
      const readings = await liveRecordReplay(id, `create-${id}`, (baseUrl, key) =>
        settle(() => sdk(baseUrl, key).responses.create(body as never)),
      );
      const [live, recorded, replayed] = readings as OpenAI.Responses.Response[];
      expect(live?.object).toBe('response');
      expect(recorded).toEqual(live);
      expect(replayed).toEqual(live);
      expect(live?.output_text).toBe(
        (live?.output ?? [])
          .flatMap((item) => (item.type === 'message' ? item.content : []))
          .map((part) => (part.type === 'output_text' ? part.text : ''))
          .join(''),
      );
      const text = await cassetteText(`create-${id}`);
      expect(text).toMatch(/url: http:\/\/127\.0\.0\.1:\d+\/v1\/responses\n/);
      expect(text).not.toContain(CANARY);
    },
  );

  test.each([
    ['34', 'BadRequestError', 400, 'model_not_found'],
    ['16', 'BadRequestError', 400, 'context_length_exceeded'],
    ['18', 'InternalServerError', 500, 'server_error'],
  ])('client.responses.create gets error %s the same live, recording and replaying', async (id, name, status, code) => {
    const body = loadCorpus(id).request.body as Body;
    const readings = await liveRecordReplay(id, `error-${id}`, (baseUrl, key) =>
      settle(() => sdk(baseUrl, key).responses.create(body as never)),
    );
    expect(readings[0]).toMatchObject({ class: name, status, code });
    expect(readings[1]).toEqual(readings[0]);
    expect(readings[2]).toEqual(readings[0]);
  });

  test.each(['30', '31', '35'])(
    'client.responses.create and .stream read stream %s the same three times',
    async (id) => {
      const { stream: _stream, ...body } = loadCorpus(id).request.body as Body;
      const readings = await liveRecordReplay(id, `stream-${id}`, async (baseUrl, key) => {
        const events: unknown[] = [];
        for await (const event of await sdk(baseUrl, key).responses.create({
          ...body,
          stream: true,
        } as never as OpenAI.Responses.ResponseCreateParamsStreaming)) {
          events.push(event);
        }
        return events;
      });
      expect(readings[1]).toEqual(readings[0]);
      expect(readings[2]).toEqual(readings[0]);
      const types = (readings[0] as { type: string }[]).map((event) => event.type);
      expect(types[0]).toBe('response.created');
      expect(types.at(-1)).toBe(id === '35' ? 'response.incomplete' : 'response.completed');
      // The recorded stream keeps its `event:` lines, one list entry per event.
      const text = await cassetteText(`stream-${id}`);
      expect(text).toContain('event: response.created');
      expect(text.match(/- event: /g)).toHaveLength(types.length);

      const finals = await liveRecordReplay(id, `helper-${id}`, async (baseUrl, key) => {
        const runner = sdk(baseUrl, key).responses.stream(body as never);
        const deltas: string[] = [];
        runner.on('response.output_text.delta', (event) => deltas.push(event.delta));
        const final = await runner.finalResponse().catch((error: Error) => ({ error: error.message }));
        return { deltas: deltas.join(''), final };
      });
      expect(finals[1]).toEqual(finals[0]);
      expect(finals[2]).toEqual(finals[0]);
    },
  );
});

describe('OpenAIModel against recorded Responses API exchanges', () => {
  async function model(
    baseUrl: string,
    key: string | undefined,
    extra: Record<string, unknown> = {},
  ): Promise<OpenAIModel> {
    return new OpenAIModel({
      modelId: 'gpt-5-nano',
      api: 'responses',
      baseUrl,
      maxRetries: 0,
      ...(key === undefined ? {} : { apiKey: key }),
      ...extra,
    });
  }

  test('records a stateless tool turn (25 -> 26) and replays it with no key and the server gone', async () => {
    const weather = (loadCorpus('25').request.body as { tools: Body[] }).tools[0] as Body;
    const toolSpecs = [
      {
        name: 'weather',
        description: String(weather['description']),
        inputSchema: { json: weather['parameters'] as Body },
      },
    ];
    const session = async (baseUrl: string, key?: string): Promise<ModelResponse[]> => {
      const responses = await model(baseUrl, key, { store: false });
      const messages = [{ role: 'user' as const, content: "What's the weather in Berlin? (52.5200, 13.4050)" }];
      const first = await responses.getText({ messages, toolSpecs });
      const second = await responses.getText({
        messages: [
          ...messages,
          { role: 'assistant', content: first.content },
          {
            role: 'user',
            content: [
              {
                toolResult: {
                  toolUseId: first.toolUses[0]?.toolUseId ?? '',
                  content: [{ text: 'Current weather at 52.5200, 13.4050: 15°C, Wind: 10 km/h' }],
                  status: 'success',
                },
              },
            ],
          },
        ],
        toolSpecs,
      });
      return [first, second];
    };
    const server = await startOpenAIServer('25', '26');
    const recording = await startCassette('model/turns', { dir: dir.path, mode: 'record' });
    const recorded = await session(server.baseUrl, CANARY).finally(async () => {
      await recording.stop();
      await server.close();
    });
    env.set({ OPENAI_API_KEY: undefined });
    const replay = await startCassette('model/turns', { dir: dir.path, mode: 'replay' });
    const replayed = await session(server.baseUrl).finally(() => replay.stop());
    expect(replayed.map((r) => [r.content, r.stopReason, r.usage, r.id])).toEqual(
      recorded.map((r) => [r.content, r.stopReason, r.usage, r.id]),
    );
    expect(replayed[1]?.text).toMatch(/^Current weather in Berlin/);
    const text = await cassetteText('model/turns');
    expect(text).not.toContain(CANARY);
    expect(text).toContain('encrypted_content');
  });

  test('replays a recorded stream (31) event for event', async () => {
    const read = async (baseUrl: string, key: string | undefined): Promise<ModelStreamEvent[]> => {
      const events: ModelStreamEvent[] = [];
      const responses = await model(baseUrl, key, { store: false });
      for await (const event of responses.stream({ messages: [{ role: 'user', content: 'Weather in Berlin?' }] })) {
        events.push(event);
      }
      return events;
    };
    const [live, recorded, replayed] = await liveRecordReplay('31', 'model/stream-31', read);
    expect(recorded).toEqual(live);
    expect(replayed).toEqual(live);
    expect(live?.filter((event) => event.type === 'toolUseDelta')).toHaveLength(15);
  });
});
