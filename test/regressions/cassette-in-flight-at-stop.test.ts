import * as undici from 'undici';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { CassetteStateError, startCassette, withCassette } from '../../src/cassette/index.js';
import { OpenAIModel } from '../../src/model/index.js';
import { loadCorpus } from '../helpers/corpus.js';
import { startCountingHttpServer, type CountingServer } from '../helpers/counting-server.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Bug (issue 10): a test that ended without awaiting a call (withCassette returning early) had
// its request reach the live server, for every client, and stop() resolved with no error:
// stop() waited only for requests that had already reached the cassette, OpenAIModel then fell
// back to the global fetch, and the MSW path let a stopped cassette's requests through. Now a
// request belongs to the cassette it started under: stop() serves and waits for what is in
// flight, up to a bound, then fails naming it; what arrives later fails, never reaching a server.

const dir = useTempDir('spark-regression-in-flight-');
const paris = { messages: [{ role: 'user' as const, content: [{ text: 'Paris' }] }] };
const recordedText = JSON.parse(loadCorpus('01').response.body).choices[0].message.content as string;
let api: OpenAIServer;
let plain: CountingServer;

beforeEach(async () => {
  api = await startOpenAIServer('01');
  plain = await startCountingHttpServer('recorded answer');
});
afterEach(async () => {
  await api.close();
  await plain.close();
});

const model = (): OpenAIModel =>
  new OpenAIModel({ modelId: 'gpt-4o-mini', baseUrl: api.baseUrl, apiKey: 'sk-in-flight-0123456789' });

describe('withCassette returning before a call it started was awaited', () => {
  test('OpenAIModel: the call is replayed by that cassette and never reaches the server', async () => {
    await withCassette('early/model', { dir: dir.path, mode: 'record' }, () => model().getText(paris));
    const sent = api.requests.length;

    let pending: Promise<{ text: string }> | undefined;
    await withCassette('early/model', { dir: dir.path, mode: 'replay' }, () => {
      pending = model().getText(paris);
    });

    expect((await pending)?.text).toBe(recordedText);
    expect(api.requests.length).toBe(sent);
  });

  test.each([
    ['global fetch', (url: string) => fetch(url).then((r) => r.text())],
    ['undici request()', (url: string) => undici.request(url).then((r) => r.body.text())],
  ])('%s: the request is replayed by that cassette and never reaches the server', async (_client, get) => {
    const url = `${plain.origin}/v1/models`;
    await withCassette('early/plain', { dir: dir.path, mode: 'record' }, () => get(url));
    const before = plain.connections;

    let pending: Promise<string> | undefined;
    await withCassette('early/plain', { dir: dir.path, mode: 'replay' }, () => {
      pending = get(url);
    });

    expect(await pending).toBe('recorded answer');
    expect(plain.connections).toBe(before);
  });
});

describe('stop()', () => {
  test('fails with CassetteStateError naming a call still in flight after its bound; the call never reaches the server', async () => {
    const streaming = model();
    await withCassette('early/stream', { dir: dir.path, mode: 'record' }, async () => {
      for await (const _event of streaming.stream(paris)) {
        // read to the end
      }
    });
    api.reply('07');
    const sent = api.requests.length;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const cassette = await startCassette('early/stream', { dir: dir.path, mode: 'replay' });
      // A stream read once and then left: its call is still running when the cassette stops.
      const events = streaming.stream(paris)[Symbol.asyncIterator]();
      await events.next();
      const error = await cassette.stop().catch((e: unknown) => e);
      await events.return(undefined);

      expect(error).toBeInstanceOf(CassetteStateError);
      expect((error as CassetteStateError).inFlight).toEqual(['OpenAIModel.stream']);
      expect((error as Error).message).toContain('still in flight after 2000 ms: OpenAIModel.stream');
      expect(api.requests.length).toBe(sent);
    } finally {
      warn.mockRestore();
    }
  });

  test('a retry that outlives stop() fails with CassetteStateError, and never reaches the server', async () => {
    const rateLimited = (_request: unknown, res: import('node:http').ServerResponse): void => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after-ms': '2500' });
      res.end(
        JSON.stringify({ error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }),
      );
    };
    api.reply(rateLimited, '01');
    const m = model();
    await withCassette('early/retry', { dir: dir.path, mode: 'record' }, async () => {
      await m.getText({ ...paris, maxRetries: 0 }).catch(() => undefined);
      await m.getText(paris);
    });
    const sent = api.requests.length;

    const cassette = await startCassette('early/retry', { dir: dir.path, mode: 'replay', keepRetryAfter: true });
    // Answered 429 at once; the SDK retries after 2.5 s, past stop()'s bound.
    const call = m.getText({ ...paris, maxRetries: 1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const stopped = await cassette.stop().catch((e: unknown) => e);
    const error = await call;

    expect(stopped).toBeInstanceOf(CassetteStateError);
    expect((stopped as CassetteStateError).inFlight).toEqual(['OpenAIModel.getText']);
    expect(error).toBeInstanceOf(CassetteStateError);
    expect((error as Error).message).toContain('Cassette "early/retry"');
    expect(api.requests.length).toBe(sent);
  });
});
