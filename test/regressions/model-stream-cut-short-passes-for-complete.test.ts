import { describe, expect, test } from 'vitest';
import { OpenAIModel } from '../../src/model/openai-model.js';
import type { ModelStreamEvent } from '../../src/model/types.js';
import { loadCorpus } from '../helpers/corpus.js';
import { startOpenAIServer, type Reply } from '../helpers/openai-server.js';

// Bug (found by the truncated_stream fault): a chat stream that ended before any chunk carried
// a finish_reason (a dropped connection, a proxy cutting the stream) gave a `response` event
// with stopReason "end_turn" for the text so far: a cut reply passed for a whole one. It now
// fails with ModelAPIError code "stream_incomplete".

const messages = [{ role: 'user' as const, content: [{ text: 'Tell me a joke' }] }];

/** Streams from a loopback server answering `reply`; the events seen, and the error if any. */
async function streamFrom(reply: Reply): Promise<{ events: ModelStreamEvent[]; error: unknown; baseUrl: string }> {
  const server = await startOpenAIServer(reply);
  const events: ModelStreamEvent[] = [];
  try {
    const model = new OpenAIModel({
      modelId: 'gpt-3.5-turbo',
      apiKey: 'sk-test-cut',
      baseUrl: server.baseUrl,
      maxRetries: 0,
    });
    for await (const event of model.stream({ messages })) {
      events.push(event);
    }
    return { events, error: undefined, baseUrl: server.baseUrl };
  } catch (error) {
    return { events, error, baseUrl: server.baseUrl };
  } finally {
    await server.close();
  }
}

describe('a chat stream that ends before its finish_reason', () => {
  test('fails with ModelAPIError "stream_incomplete" and yields no response', async () => {
    // Corpus 06's first four events, then the server ends the body cleanly.
    const head = loadCorpus('06').response.body.split('\n\n').slice(0, 4);
    const { events, error, baseUrl } = await streamFrom((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`${head.join('\n\n')}\n\n`);
    });
    expect(events.length).toBeGreaterThan(0);
    expect(events.map((event) => event.type)).not.toContain('response');
    expect(error).toMatchObject({ name: 'ModelAPIError', code: 'stream_incomplete' });
    expect((error as Error).message).toContain(baseUrl);
  });

  test('a whole stream (corpus 06) still gives its response', async () => {
    const { events, error } = await streamFrom('06');
    expect(error).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ type: 'response', response: { stopReason: 'end_turn' } });
  });
});
