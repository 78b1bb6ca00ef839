import { describe, expect, it } from 'vitest';
import '../../src/vitest/setup.js';
import { Agent } from '../../src/agent/index.js';
import { startCassette, type Cassette } from '../../src/cassette/index.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import { openaiResponseData, type HttpResponseData } from '../../src/testing/index.js';
import { tool } from '../../src/tools/index.js';
import { observeCalls } from '../../src/vitest/index.js';
import { dataReply, startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { failureOf } from '../helpers/failure-of.js';

const dir = useTempDir('spark-cassette-matchers-');
const weather = tool({
  name: 'get_weather',
  description: 'Weather.',
  inputSchema: { type: 'object', properties: { location: { type: 'string' } } },
  execute: () => 'sunny',
});
const time = tool({
  name: 'get_time',
  description: 'Time.',
  inputSchema: { type: 'object', properties: { zone: { type: 'string' } } },
  execute: () => 'noon',
});

const REPLIES = [
  openaiResponseData.toolCalls([{ name: 'get_weather', arguments: { location: 'Paris' } }]),
  // The SDK retries this 500 once: two interactions, one model call.
  openaiResponseData.serverError({ headers: { 'retry-after-ms': '1' } }),
  openaiResponseData.chatCompletion({ text: 'Sunny in Paris.' }),
  openaiResponseData.stream({ toolCalls: [{ name: 'get_time', arguments: { zone: 'Europe/Paris' } }] }),
];

/** Two agent turns: the first with plain calls, the second streamed through `model.stream`. */
async function session(baseUrl: string): Promise<void> {
  const model = new OpenAIModel({
    modelId: 'gpt-4o-mini',
    apiKey: 'sk-matchers-key-0123456789',
    baseUrl,
    maxRetries: 1,
  });
  await new Agent({ model, tools: [weather] }).process('Weather in Paris?');
  for await (const _event of model.stream({
    messages: [{ role: 'user', content: [{ text: 'Time?' }] }],
    toolSpecs: [time.toolSpec],
  })) {
    // drained
  }
}

async function recordAndReplay(
  replies: HttpResponseData[],
): Promise<{ recorded: Cassette; replayed: Cassette; baseUrl: string }> {
  const server = await startOpenAIServer(...replies.map(dataReply));
  let recorded: Cassette;
  try {
    recorded = await startCassette('matchers/session', { dir: dir.path, mode: 'record' });
    await session(server.baseUrl);
    await recorded.stop();
  } finally {
    await server.close();
  }
  const replayed = await startCassette('matchers/session', { dir: dir.path, mode: 'replay' });
  await session(server.baseUrl);
  await replayed.stop();
  return { recorded, replayed, baseUrl: server.baseUrl };
}

describe('the matchers on a Cassette', () => {
  it('read the tool calls of the responses it recorded and replayed, streamed ones assembled', async () => {
    const { recorded, replayed } = await recordAndReplay(REPLIES);
    for (const cassette of [recorded, replayed]) {
      expect(cassette).toHaveToolCallSequence([{ name: 'get_weather', input: { location: 'Paris' } }, 'get_time']);
      expect(cassette).toHaveCalledTool('get_time', { zone: 'Europe/Paris' });
      expect(cassette).not.toHaveCalledTool('get_weather', { location: 'Oslo' });
      // The agent's two calls (the retried one counted once) and the stream.
      expect(cassette).toHaveModelCallCount(3);
    }
  });

  it('fail with the cassette named as the received value, and the calls listed', async () => {
    const { replayed } = await recordAndReplay(REPLIES);
    const called = failureOf(() => expect(replayed).toHaveCalledTool('search_web'));
    expect(called).toContain('expect(Cassette).toHaveCalledTool(name)');
    expect(called).toContain(
      'Received tool calls:\n  0: get_weather({"location":"Paris"})\n  1: get_time({"zone":"Europe/Paris"})',
    );
    expect(failureOf(() => expect(replayed).not.toHaveCalledTool('get_time'))).toContain(
      'Expected no call of: get_time',
    );
    const sequence = failureOf(() => expect(replayed).toHaveToolCallSequence(['get_time', 'get_weather']));
    expect(sequence).toContain('expect(Cassette).toHaveToolCallSequence(expected)');
    expect(sequence).toContain('Expected 2 tool calls in this order, received 2:');
    expect(failureOf(() => expect(replayed).toHaveModelCallCount(4))).toContain(
      'Expected model calls: 4\nReceived model calls: 3',
    );
  });

  it('leaves out recordings a replay did not use', async () => {
    const { replayed: _ } = await recordAndReplay(REPLIES);
    const partial = await startCassette('matchers/session', { dir: dir.path, mode: 'replay' });
    const model = new OpenAIModel({
      modelId: 'gpt-4o-mini',
      apiKey: 'sk-matchers-key-0123456789',
      baseUrl: 'http://127.0.0.1:9/v1',
      maxRetries: 0,
    });
    await model.getText({ messages: [{ role: 'user', content: [{ text: 'unrecorded' }] }] }).catch(() => undefined);
    await partial.stop().catch(() => undefined);
    expect(partial).toHaveModelCallCount(0);
    expect(partial).toHaveToolCallSequence([]);
  });

  it('read what a running cassette served so far, in order', async () => {
    const { baseUrl } = await recordAndReplay(REPLIES);
    const running = await startCassette('matchers/session', { dir: dir.path, mode: 'replay' });
    try {
      expect(running).toHaveModelCallCount(0);
      expect(running).toHaveToolCallSequence([]);
      await session(baseUrl);
      expect(running.state).toBe('active');
      expect(running).toHaveToolCallSequence([{ name: 'get_weather', input: { location: 'Paris' } }, 'get_time']);
      expect(running).toHaveCalledTool('get_weather', { location: 'Paris' });
      expect(running).toHaveModelCallCount(3);
    } finally {
      await running.stop();
    }
  });

  it('fail each matcher on a running cassette that does not match, with the calls served so far', async () => {
    const { baseUrl } = await recordAndReplay(REPLIES);
    const running = await startCassette('matchers/session', { dir: dir.path, mode: 'replay' });
    try {
      await session(baseUrl);
      const called = failureOf(() => expect(running).toHaveCalledTool('search_web'));
      expect(called).toContain(
        'expect(Cassette).toHaveCalledTool(name)\n\nExpected a call of: search_web\nReceived tool calls:\n  0: get_weather({"location":"Paris"})\n  1: get_time({"zone":"Europe/Paris"})',
      );
      expect(failureOf(() => expect(running).not.toHaveCalledTool('get_time'))).toContain(
        'Expected no call of: get_time\nReceived 1 matching call:',
      );
      expect(failureOf(() => expect(running).toHaveToolCallSequence(['get_time']))).toContain(
        'Expected 1 tool call in this order, received 2:',
      );
      expect(failureOf(() => expect(running).not.toHaveToolCallSequence(['get_weather', 'get_time']))).toContain(
        'Expected a different sequence than: ["get_weather", "get_time"]\nReceived tool calls:\n  0: get_weather',
      );
      expect(failureOf(() => expect(running).toHaveModelCallCount(2))).toContain(
        'Expected model calls: 2\nReceived model calls: 3',
      );
      expect(failureOf(() => expect(running).not.toHaveModelCallCount(3))).toContain('Expected model calls: not 3');
    } finally {
      await running.stop();
    }
  });

  it('see a request the running cassette recorded as soon as it was served', async () => {
    const server = await startOpenAIServer(
      dataReply(openaiResponseData.toolCalls([{ name: 'get_weather', arguments: { location: 'Oslo' } }])),
    );
    const recording = await startCassette('matchers/recording', { dir: dir.path, mode: 'record' });
    try {
      expect(recording).not.toHaveCalledTool('get_weather');
      const model = new OpenAIModel({
        modelId: 'gpt-4o-mini',
        apiKey: 'sk-matchers-key-0123456789',
        baseUrl: server.baseUrl,
        maxRetries: 0,
      });
      await model.getText({
        messages: [{ role: 'user', content: [{ text: 'Weather in Oslo?' }] }],
        toolSpecs: [weather.toolSpec],
      });
      expect(recording).toHaveCalledTool('get_weather', { location: 'Oslo' });
      expect(failureOf(() => expect(recording).toHaveCalledTool('get_weather', { location: 'Paris' }))).toContain(
        'Expected a call of: get_weather with input containing {"location": "Paris"}\nReceived tool calls:\n  0: get_weather({"location":"Oslo"})',
      );
    } finally {
      await recording.stop();
      await server.close();
    }
    // After stop, the listing carries the ids the file holds.
    const { parseCassette } = await import('../../src/cassette/index.js');
    const { readFile } = await import('node:fs/promises');
    const written = parseCassette(await readFile(recording.path, 'utf8'), recording.path).interactions;
    expect(recording.interactions.map((i) => i.id)).toEqual(written.map((i) => i.id));
  });

  it('throws a usage error for a value shaped like a cassette that cannot list what it served', () => {
    const unlisted = {
      path: '/project/fixtures/cassettes/unlisted.yaml',
      state: 'active',
      summary: undefined,
      handlers: [],
      stop: () => undefined,
    };
    expect(() => expect(unlisted).toHaveModelCallCount(0)).toThrow(
      /^\.toHaveModelCallCount needs a ScriptedModel, an Agent, an AgentResult, an EchoModel or a Cassette; received .*unlisted\.yaml/,
    );
  });

  it('reads the served interactions directly from a cassette that lists them', async () => {
    const { replayed } = await recordAndReplay(REPLIES);
    const { parseCassette } = await import('../../src/cassette/index.js');
    const { readFile } = await import('node:fs/promises');
    const interactions = parseCassette(await readFile(replayed.path, 'utf8'), replayed.path).interactions.slice(0, 1);
    const listing = {
      path: replayed.path,
      state: 'active',
      summary: undefined,
      handlers: [],
      stop: () => undefined,
      interactions,
    };
    expect(observeCalls(listing)).toEqual({
      kind: 'Cassette',
      toolCalls: [{ name: 'get_weather', input: { location: 'Paris' } }],
      modelCalls: 1,
    });
  });
});
