import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Agent } from '../../src/agent/index.js';
import { CassetteFormatError, startCassette } from '../../src/cassette/index.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import type { Message, ModelStreamEvent, ToolSpec } from '../../src/model/types.js';
import {
  ModelRateLimitError,
  openaiResponseData,
  reply,
  ScriptedModel,
  ScriptedModelError,
  type HttpResponseData,
} from '../../src/testing/index.js';
import { tool } from '../../src/tools/index.js';
import { loadCorpus } from '../helpers/corpus.js';
import { dataReply, startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-from-cassette-');
const ask = (text: string): Message[] => [{ role: 'user', content: [{ text }] }];

const getWeather = tool({
  name: 'get_weather',
  description: 'Get the current weather for a location.',
  inputSchema: z.object({ location: z.string() }),
  execute: ({ location }) => `Sunny in ${location}`,
});
const getTime = tool({
  name: 'get_time',
  description: 'Get the time in a zone.',
  inputSchema: z.object({ zone: z.string() }),
  execute: ({ zone }) => `12:00 in ${zone}`,
});
const tools = [getWeather, getTime];

function liveModel(baseUrl: string, maxRetries = 0): OpenAIModel {
  return new OpenAIModel({ modelId: 'gpt-4o-mini', apiKey: 'sk-record-key-0123456789', baseUrl, maxRetries });
}

// The base URL of the last recording: replays send their requests there, with the server gone.
let recordedBaseUrl = '';

/** Records `session` against a loopback server answering `replies`, into cassette `name`; returns what it returned. */
async function record<T>(
  name: string,
  replies: HttpResponseData[],
  session: (model: OpenAIModel) => Promise<T>,
  maxRetries = 0,
): Promise<T> {
  const server = await startOpenAIServer(...replies.map(dataReply));
  recordedBaseUrl = server.baseUrl;
  try {
    const cassette = await startCassette(name, { dir: dir.path, mode: 'record' });
    const result = await session(liveModel(server.baseUrl, maxRetries));
    await cassette.stop();
    return result;
  } finally {
    await server.close();
  }
}

/** Replays cassette `name` for `session` with the recording server gone. */
async function replay<T>(name: string, session: (model: OpenAIModel) => Promise<T>): Promise<T> {
  const cassette = await startCassette(name, { dir: dir.path, mode: 'replay' });
  try {
    return await session(liveModel(recordedBaseUrl));
  } finally {
    await cassette.stop();
  }
}

async function runAgent(model: OpenAIModel | ScriptedModel) {
  const agent = new Agent({ model, tools, systemPrompt: 'You answer travel questions.' });
  const result = await agent.process('Weather in Paris, then the weather in London and the time in UTC?');
  return {
    text: result.text,
    outcome: result.outcome,
    steps: result.steps,
    trace: agent.trace.map(({ durationMs: _ms, ...call }) => call),
    messages: agent.messages,
  };
}

async function settle(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  return promise.then(
    (value) => ({ ok: value }),
    (error: Error & Record<string, unknown>) => ({
      name: error.name,
      status: error['status'],
      code: error['code'],
      retryAfterMs: error['retryAfterMs'],
    }),
  );
}

const AGENT_REPLIES = [
  openaiResponseData.toolCalls([{ name: 'get_weather', arguments: { location: 'Paris' } }]),
  openaiResponseData.toolCalls(
    [
      { name: 'get_weather', arguments: { location: 'London' } },
      { name: 'get_time', arguments: { zone: 'UTC' } },
    ],
    { text: 'Checking London and the time.' },
  ),
  openaiResponseData.chatCompletion({ text: 'Paris and London are sunny; it is 12:00 UTC.' }),
];

describe('ScriptedModel.fromCassette', () => {
  it('plays a recorded agent session through an Agent exactly as the replayed OpenAIModel does', async () => {
    await record('agent/travel', AGENT_REPLIES, runAgent);
    const replayed = await replay('agent/travel', runAgent);

    const model = await ScriptedModel.fromCassette('agent/travel', { dir: dir.path });
    expect(model.script.map((step) => step.kind)).toEqual(['toolUse', 'toolUse', 'text']);
    const scripted = await runAgent(model);

    expect(scripted).toEqual(replayed);
    expect(scripted.trace.map((call) => call.name)).toEqual(['get_weather', 'get_weather', 'get_time']);
    expect(model.modelId).toBe('gpt-4o-mini');
    model.assertDone();
  });

  it('gives an editable script: a step replaced by a 429 fails that call', async () => {
    await record('agent/edited', AGENT_REPLIES, runAgent);
    const model = await ScriptedModel.fromCassette('agent/edited', { dir: dir.path });
    model.script[1] = reply.error.rateLimit({ retryAfterMs: 5 });
    const agent = new Agent({ model, tools });
    await expect(
      agent.process('Weather in Paris, then the weather in London and the time in UTC?'),
    ).rejects.toBeInstanceOf(ModelRateLimitError);
    expect(model.calls.map((call) => call.step?.description)).toEqual([
      expect.stringMatching(/^reply\.toolUse\("get_weather", \{"location":"Paris"\}\) \[recorded [0-9a-f]{12}-1\]$/),
      'reply.error.rateLimit({ retryAfterMs: 5 })',
    ]);
  });

  it('maps recorded error statuses to the error steps OpenAIModel raises the same errors for', async () => {
    const replies = [
      openaiResponseData.rateLimit({ retryAfterMs: 1500 }),
      openaiResponseData.contextLengthExceeded(),
      openaiResponseData.invalidApiKey(),
      openaiResponseData.serverError({ status: 503, shouldRetry: false }),
      openaiResponseData.error({
        status: 429,
        message: 'You exceeded your current quota.',
        type: 'insufficient_quota',
        code: 'insufficient_quota',
      }),
    ];
    const calls = (model: OpenAIModel | ScriptedModel) =>
      ['a', 'b', 'c', 'd', 'e'].reduce<Promise<Record<string, unknown>[]>>(
        async (done, text) => [...(await done), await settle(model.getText({ messages: ask(text) }))],
        Promise.resolve([]),
      );
    const live = await record('errors/all', replies, calls);

    const model = await ScriptedModel.fromCassette('errors/all', { dir: dir.path });
    expect(model.script.map((step) => step.description.replace(/ \[recorded .*\]$/, ''))).toEqual([
      'reply.error.rateLimit({ retryAfterMs: 1500 })',
      'reply.error.contextWindow()',
      'reply.error.api({ status: 401 })',
      'reply.error.api({ status: 503 })',
      'reply.error.api({ status: 429 })',
    ]);
    expect(await calls(model)).toEqual(live);
    expect(live.map((error) => error['name'])).toEqual([
      'ModelRateLimitError',
      'ModelContextWindowError',
      'ModelAPIError',
      'ModelAPIError',
      'ModelAPIError',
    ]);
  });

  it("folds the SDK's own retries into the call they retried", async () => {
    const replies = [
      openaiResponseData.serverError({ headers: { 'retry-after-ms': '1' } }),
      openaiResponseData.rateLimit({ retryAfterMs: 1 }),
      openaiResponseData.chatCompletion({ text: 'Third time lucky.' }),
    ];
    await record('retries/folded', replies, (model) => model.getText({ messages: ask('Hello') }), 2);
    const model = await ScriptedModel.fromCassette('retries/folded', { dir: dir.path });
    expect(model.script).toHaveLength(1);
    expect(model.script[0]?.description).toMatch(
      /^reply\.text\("Third time lucky\."\) \[recorded [0-9a-f]{12}-3, after 2 SDK retries\]$/,
    );
    await expect(model.getText({ messages: ask('Hello') })).resolves.toMatchObject({ content: 'Third time lucky.' });
  });

  it('assembles a recorded stream into one reply that streams the same events again', async () => {
    const streamed = openaiResponseData.stream({
      text: 'Let me look that up.',
      toolCalls: [{ name: 'get_weather', arguments: { location: 'Oslo' } }],
    });
    const session = async (model: OpenAIModel | ScriptedModel): Promise<ModelStreamEvent[]> => {
      const events: ModelStreamEvent[] = [];
      for await (const event of model.stream({ messages: ask('Weather in Oslo?'), toolSpecs: [getWeather.toolSpec] })) {
        events.push(event);
      }
      return events.filter((event) => event.type !== 'response');
    };
    await record('stream/tool', [streamed], session);
    const replayed = await replay('stream/tool', session);
    const model = await ScriptedModel.fromCassette('stream/tool', { dir: dir.path });
    expect(model.script[0]).toMatchObject({
      kind: 'toolUse',
      text: 'Let me look that up.',
      toolUses: [{ name: 'get_weather', input: { location: 'Oslo' } }],
    });
    expect(await session(model)).toEqual(replayed);
  });

  it('keeps a JSON reply as its exact recorded text, which getJson checks against the schema', async () => {
    const schema = z.object({ city: z.string(), population: z.number() });
    const session = (model: OpenAIModel | ScriptedModel) =>
      model.getJson({ messages: ask('Describe Paris in JSON'), jsonSchema: schema }).then((r) => r.content);
    await record('json/city', [openaiResponseData.json({ city: 'Paris', population: 2102650 })], session);
    const model = await ScriptedModel.fromCassette('json/city', { dir: dir.path });
    expect(model.script[0]).toMatchObject({ kind: 'text', text: '{"city":"Paris","population":2102650}' });
    expect(await session(model)).toBe(await replay('json/city', session));
  });

  it('reads a cassette given as a path to its .yaml file', async () => {
    await record('by/path', [openaiResponseData.chatCompletion({ text: 'Hi.' })], (model) =>
      model.getText({ messages: ask('Hi') }),
    );
    const model = await ScriptedModel.fromCassette(join(dir.path, 'by/path.yaml'), { modelId: 'gpt-4o' });
    expect(model.modelId).toBe('gpt-4o');
    expect(model.script).toEqual([expect.objectContaining({ kind: 'text', text: 'Hi.', stopReason: 'end_turn' })]);
  });

  it('fails with a ScriptedModelError for a missing cassette or one without model calls', async () => {
    const missing = await ScriptedModel.fromCassette('nope/never-recorded', { dir: dir.path }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ScriptedModelError);
    expect(missing).toMatchObject({
      reason: 'invalid-cassette',
      message: expect.stringContaining('the file does not exist. Record it first'),
    });

    await writeFile(join(dir.path, 'empty.yaml'), 'version: 1\ninteractions: []\n');
    const empty = await ScriptedModel.fromCassette('empty', { dir: dir.path }).catch((e: unknown) => e);
    expect(empty).toMatchObject({
      reason: 'invalid-cassette',
      message: expect.stringContaining('it holds no chat completions calls'),
    });
  });

  it('reads real OpenAI bytes from the corpus the way OpenAIModel reads them', async () => {
    // Each corpus exchange, asked for the way its recorded request was made.
    const ids = ['02', '03', '09', '13', '15', '16', '19'];
    const toolSpecsOf = (id: string): ToolSpec[] =>
      (
        (
          loadCorpus(id).request.body as {
            tools?: { function: { name: string; description: string; parameters: Record<string, unknown> } }[];
          }
        ).tools ?? []
      ).map(({ function: f }) => ({ name: f.name, description: f.description, inputSchema: { json: f.parameters } }));
    const summary = (response: { content: unknown; stopReason: string }) => ({
      content: response.content,
      stopReason: response.stopReason,
    });
    const session = async (model: OpenAIModel | ScriptedModel): Promise<Record<string, unknown>[]> => {
      const results: Record<string, unknown>[] = [];
      for (const id of ids) {
        const request = { messages: ask(`corpus ${id}`), toolSpecs: toolSpecsOf(id) };
        const call = async (): Promise<unknown> => {
          if (id === '09') {
            let last: unknown;
            for await (const event of model.stream(request)) {
              last = event.type === 'response' ? summary(event.response) : last;
            }
            return last;
          }
          return summary(
            id === '13'
              ? await model.getJson({
                  messages: request.messages,
                  jsonSchema: z.object({ rating: z.number(), joke: z.string() }),
                })
              : await model.getText(request),
          );
        };
        results.push(await settle(call()));
      }
      return results;
    };
    const server = await startOpenAIServer(...ids);
    let live: Record<string, unknown>[];
    try {
      const cassette = await startCassette('corpus/mixed', { dir: dir.path, mode: 'record' });
      live = await session(liveModel(server.baseUrl));
      await cassette.stop();
    } finally {
      await server.close();
    }
    const model = await ScriptedModel.fromCassette('corpus/mixed', { dir: dir.path });
    expect(
      model.script.map((step) => step.description.replace(/\(.*\)/, '(…)').replace(/ \[recorded .*\]$/, '')),
    ).toEqual([
      'reply.toolUse(…)',
      'reply.toolUses(…)',
      'reply.toolUses(…)',
      'reply.error.invalidResponse(…)',
      'reply.error.rateLimit(…)',
      'reply.error.contextWindow(…)',
      'reply.error.api(…)',
    ]);
    expect(await session(model)).toEqual(live);
    expect(live.map((result) => result['name'] ?? 'ok')).toEqual([
      'ok',
      'ok',
      'ok',
      'ModelResponseError',
      'ModelRateLimitError',
      'ModelContextWindowError',
      'ModelAPIError',
    ]);
  });

  it("lets the cassette layer's CassetteFormatError through for a broken file", async () => {
    await writeFile(join(dir.path, 'broken.yaml'), 'version: 1\ninteractions:\n  - id: [unclosed\n');
    await expect(ScriptedModel.fromCassette('broken', { dir: dir.path })).rejects.toBeInstanceOf(CassetteFormatError);
  });
});
