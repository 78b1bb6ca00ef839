import { describe, expect, test } from 'vitest';
import { startCassette } from '../../src/cassette/index.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import type { ModelStreamEvent } from '../../src/model/types.js';
import { startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Bug: aborting OpenAIModel.stream through its `signal` ended the loop quietly and then
// yielded a `response` event for the text so far, with stopReason "end_turn": a reply cut
// short passed for a whole one (the SDK ends an aborted stream without an error). It now
// fails as getText does, with ModelAPIError code "aborted", live and replayed alike.

const dir = useTempDir('spark-regression-stream-abort-');
const messages = [{ role: 'user' as const, content: [{ text: 'Count' }] }];
const chunk = (n: number): string =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: `t${n} ` }, finish_reason: null }] })}\n\n`;

async function abortAfterThree(model: OpenAIModel): Promise<{ events: ModelStreamEvent['type'][]; error: unknown }> {
  const controller = new AbortController();
  const events: ModelStreamEvent['type'][] = [];
  try {
    for await (const event of model.stream({ messages, signal: controller.signal })) {
      events.push(event.type);
      if (events.length === 3) {
        controller.abort();
      }
    }
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  }
}

describe('aborting OpenAIModel.stream through its signal', () => {
  test('fails with ModelAPIError "aborted" and yields no response, live and replayed', async () => {
    const server = await startOpenAIServer((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(Array.from({ length: 20 }, (_, n) => chunk(n)).join('') + 'data: [DONE]\n\n');
    });
    const model = (apiKey?: string) =>
      new OpenAIModel({ modelId: 'gpt-4o', baseUrl: server.baseUrl, maxRetries: 0, ...(apiKey ? { apiKey } : {}) });
    try {
      const recording = await startCassette('abort', { dir: dir.path, mode: 'record' });
      const live = await abortAfterThree(model('sk-test-key-0123456789'));
      await recording.stop();
      const replay = await startCassette('abort', { dir: dir.path, mode: 'replay' });
      const replayed = await abortAfterThree(model());
      await replay.stop({ failed: true });
      for (const { events, error } of [live, replayed]) {
        expect(error).toMatchObject({ name: 'ModelAPIError', code: 'aborted' });
        expect(events).toEqual(['text', 'text', 'text']);
      }
    } finally {
      await server.close();
    }
  });
});
