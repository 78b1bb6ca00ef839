import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ModelRateLimitError, OpenAIModel, type ModelStreamEvent } from '../../src/index.js';
import { loadCorpus } from '../helpers/corpus.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

const messages = [{ role: 'user' as const, content: [{ text: 'Hello' }] }];

function model(): OpenAIModel {
  return new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl, maxRetries: 0 });
}

async function collect(stream: AsyncIterable<ModelStreamEvent>): Promise<ModelStreamEvent[]> {
  const events: ModelStreamEvent[] = [];
  for await (const event of stream) {
    events.push(event);
  }
  return events;
}

/** The text deltas of a corpus SSE body, read straight from its data lines. */
function corpusDeltas(id: string): string[] {
  return loadCorpus(id)
    .response.body.split('\n')
    .filter((line) => line.startsWith('data: {'))
    .flatMap((line) =>
      JSON.parse(line.slice(6)).choices.map((c: { delta: { content?: string } }) => c.delta.content ?? ''),
    )
    .filter((text: string) => text !== '');
}

describe('OpenAIModel.stream', () => {
  test.each(['06', '07', '11'])(
    'streams the text deltas of corpus %s in order, then the whole response',
    async (id) => {
      server.reply(id);
      const events = await collect(model().stream({ messages }));
      const texts = events.flatMap((e) => (e.type === 'text' ? [e.text] : []));
      expect(texts).toEqual(corpusDeltas(id));
      const last = events.at(-1);
      expect(last?.type).toBe('response');
      if (last?.type === 'response') {
        expect(last.response.content).toBe(texts.join(''));
      }
    },
  );

  test('reports usage from the include_usage chunk and asks for it', async () => {
    server.reply('07');
    const events = await collect(model().stream({ messages }));
    const last = events.at(-1) as Extract<ModelStreamEvent, { type: 'response' }>;
    expect(last.response.usage.totalTokens).toBeGreaterThan(0);
    expect(server.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  test('maps finish_reason length to max_tokens', async () => {
    server.reply('11');
    const events = await collect(model().stream({ messages, maxTokens: 15 }));
    expect((events.at(-1) as Extract<ModelStreamEvent, { type: 'response' }>).response.stopReason).toBe('max_tokens');
  });

  test.each(['08', '10'])('assembles tool-call argument deltas of corpus %s into a toolUse', async (id) => {
    server.reply(id);
    const events = await collect(model().stream({ messages }));
    const starts = events.filter((e) => e.type === 'toolUseStart');
    const deltas = events.filter((e) => e.type === 'toolUseDelta');
    const uses = events.flatMap((e) => (e.type === 'toolUse' ? [e.toolUse] : []));
    expect(starts).toHaveLength(1);
    expect(deltas.length).toBeGreaterThan(1);
    expect(uses).toHaveLength(1);
    expect(typeof uses[0]?.input).toBe('object');
    const response = (events.at(-1) as Extract<ModelStreamEvent, { type: 'response' }>).response;
    expect(response.stopReason).toBe('tool_use');
    expect(response.toolUses).toEqual(uses);
  });

  test('keeps parallel streamed tool calls apart by index', async () => {
    server.reply('09');
    const events = await collect(model().stream({ messages }));
    const uses = events.flatMap((e) => (e.type === 'toolUse' ? [e.toolUse] : []));
    expect(uses.map((use) => use.input['location'])).toEqual(['San Francisco', 'Boston']);
    expect(new Set(uses.map((use) => use.toolUseId)).size).toBe(2);
  });

  test('raises the typed error when the stream request fails', async () => {
    server.reply('23');
    await expect(collect(model().stream({ messages }))).rejects.toBeInstanceOf(ModelRateLimitError);
  });

  test('closes the connection when the consumer stops early', async () => {
    let closed = false;
    server.reply((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (n: number) =>
        `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: `t${n} ` }, finish_reason: null }] })}\n\n`;
      let n = 0;
      const timer = setInterval(() => res.write(chunk(n++)), 5);
      res.on('close', () => {
        clearInterval(timer);
        closed = true;
      });
    });
    for await (const event of model().stream({ messages })) {
      if (event.type === 'text') {
        break;
      }
    }
    await expect.poll(() => closed, { timeout: 2000 }).toBe(true);
  });
});
