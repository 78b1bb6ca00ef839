import { describe, expect, test } from 'vitest';
import { OpenAIModel } from '../../src/model/openai-model.js';
import type { ModelStreamEvent } from '../../src/model/types.js';
import { loadCorpus } from '../helpers/corpus.js';
import { startOpenAIServer } from '../helpers/openai-server.js';

// Bug (found by the truncated_stream fault): a chat stream that ended before any chunk carried
// a finish_reason (a dropped connection, a proxy cutting the stream) gave a `response` event
// with stopReason "end_turn" for the text so far: a cut reply passed for a whole one. It now
// fails with ModelAPIError code "incomplete_stream".

const messages = [{ role: 'user' as const, content: [{ text: 'Tell me a joke' }] }];

describe('a chat stream that ends before its finish_reason', () => {
  test('fails with ModelAPIError "incomplete_stream" and yields no response', async () => {
    // Corpus 06's first four events, then the server ends the body cleanly.
    const events = loadCorpus('06').response.body.split('\n\n').slice(0, 4);
    const server = await startOpenAIServer((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`${events.join('\n\n')}\n\n`);
    });
    try {
      const model = new OpenAIModel({
        modelId: 'gpt-3.5-turbo',
        apiKey: 'sk-test-cut',
        baseUrl: server.baseUrl,
        maxRetries: 0,
      });
      const seen: ModelStreamEvent['type'][] = [];
      const error = await (async () => {
        for await (const event of model.stream({ messages })) {
          seen.push(event.type);
        }
      })().catch((caught: unknown) => caught);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen).not.toContain('response');
      expect(error).toMatchObject({ name: 'ModelAPIError', code: 'incomplete_stream' });
      expect((error as Error).message).toContain(server.baseUrl);
    } finally {
      await server.close();
    }
  });

  test('a whole stream (corpus 06) still gives its response', async () => {
    const server = await startOpenAIServer('06');
    try {
      const model = new OpenAIModel({
        modelId: 'gpt-3.5-turbo',
        apiKey: 'sk-test-cut',
        baseUrl: server.baseUrl,
        maxRetries: 0,
      });
      const seen: ModelStreamEvent[] = [];
      for await (const event of model.stream({ messages })) {
        seen.push(event);
      }
      expect(seen.at(-1)).toMatchObject({ type: 'response', response: { stopReason: 'end_turn' } });
    } finally {
      await server.close();
    }
  });
});
