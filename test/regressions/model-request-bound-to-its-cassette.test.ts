import { describe, expect, test, vi } from 'vitest';
import { CassetteStateError, startCassette } from '../../src/cassette/index.js';
import { OpenAIModel } from '../../src/model/index.js';
import { loadCorpus } from '../helpers/corpus.js';
import { startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Bug: OpenAIModel's fetch looked the active cassette up when the SDK got round to sending,
// several ticks after the call began. A call started under one cassette could then be served
// by the next one (started meanwhile), or go to the network when none was active by then. Now
// a call binds the active cassette when it starts, every request of the call goes to it, and
// that cassette's stop() waits for the call (issue 10: a request belongs to the cassette it
// started under).

const dir = useTempDir('spark-regression-bound-');
const paris = { messages: [{ role: 'user' as const, content: [{ text: 'Paris' }] }] };

describe('a model call', () => {
  test('is answered by the cassette it started under, even when that one stops and another starts before the request goes out', async () => {
    const server = await startOpenAIServer('01');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const model = new OpenAIModel({ modelId: 'gpt-4o-mini', baseUrl: server.baseUrl, apiKey: 'sk-bound-0123456789' });
      for (const name of ['bound/first', 'bound/next']) {
        const recording = await startCassette(name, { dir: dir.path, mode: 'record' });
        await model.getText(paris);
        await recording.stop();
      }
      const sent = server.requests.length;

      const first = await startCassette('bound/first', { dir: dir.path, mode: 'replay' });
      const pending = model.getText(paris);
      const firstStopped = first.stop();
      // The next cassette holds a recording of this very request: it must not answer it.
      const next = await startCassette('bound/next', { dir: dir.path, mode: 'replay' });
      const reply = await pending;
      const firstSummary = await firstStopped;
      const nextSummary = await next.stop({ failed: true });

      expect(reply.text).toBe(JSON.parse(loadCorpus('01').response.body).choices[0].message.content);
      expect(firstSummary.replayed).toBe(1);
      expect(nextSummary.replayed).toBe(0);
      expect(server.requests.length).toBe(sent);
    } finally {
      warn.mockRestore();
      await server.close();
    }
  });

  test('that starts once stop() began is refused by that cassette, and never reaches the network', async () => {
    const server = await startOpenAIServer('01');
    try {
      const model = new OpenAIModel({ modelId: 'gpt-4o-mini', baseUrl: server.baseUrl, apiKey: 'sk-bound-0123456789' });
      const recording = await startCassette('bound/late', { dir: dir.path, mode: 'record' });
      await model.getText(paris);
      await recording.stop();
      const sent = server.requests.length;

      const cassette = await startCassette('bound/late', { dir: dir.path, mode: 'replay' });
      const stopped = cassette.stop({ failed: true });
      const error = await model.getText(paris).then(
        () => undefined,
        (e: unknown) => e,
      );
      await stopped;

      expect(error).toBeInstanceOf(CassetteStateError);
      expect((error as Error).message).toContain('Cassette "bound/late"');
      expect(server.requests.length).toBe(sent);
    } finally {
      await server.close();
    }
  });
});
