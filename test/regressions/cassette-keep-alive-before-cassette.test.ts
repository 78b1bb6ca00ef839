import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startCassette } from '../../src/cassette/index.js';
import { loadCorpus } from '../helpers/corpus.js';
import { startCountingHttpServer, type CountingServer } from '../helpers/counting-server.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { chat, rawClient } from '../cassette/helpers/clients.js';

// Bug (issue 10): without spark-models/cassette/setup, a connection a client kept alive from
// before the cassette (a test that talked to the host with no cassette running) carried later
// `fetch` and raw-SDK requests straight to the network, even in replay; the README documented
// the workaround. A cassette now closes, as it starts, the connections opened earlier to the
// origins it serves, so the next request opens a connection that interception sees.

const dir = useTempDir('spark-regression-keep-alive-');
let plain: CountingServer;
let api: OpenAIServer;

beforeEach(async () => {
  plain = await startCountingHttpServer('recorded answer');
  api = await startOpenAIServer('01');
});
afterEach(async () => {
  await plain.close();
  await api.close();
});

describe('a connection kept alive from before the cassette', () => {
  test('does not carry a replayed fetch to the server', async () => {
    const url = `${plain.origin}/v1/models`;
    const recording = await startCassette('keep-alive/fetch', { dir: dir.path, mode: 'record' });
    await (await fetch(url)).text();
    await recording.stop();
    plain.body = 'live answer';

    // No cassette: the global fetch keeps this connection open afterwards.
    expect(await (await fetch(url)).text()).toBe('live answer');
    const requests = plain.requests;

    const replay = await startCassette('keep-alive/fetch', { dir: dir.path, mode: 'replay' });
    const body = await (await fetch(url)).text();
    await replay.stop();

    expect(body).toBe('recorded answer');
    expect(plain.requests).toBe(requests);
  });

  test('does not carry a replayed raw-SDK request to the server', async () => {
    const client = rawClient(api.baseUrl);
    const recording = await startCassette('keep-alive/sdk', { dir: dir.path, mode: 'record' });
    await client.chat.completions.create(chat('Paris'));
    await recording.stop();
    api.reply('12');

    await client.chat.completions.create(chat('warm the connection'));
    const sent = api.requests.length;

    const replay = await startCassette('keep-alive/sdk', { dir: dir.path, mode: 'replay' });
    const completion = await client.chat.completions.create(chat('Paris'));
    await replay.stop();

    expect(completion.choices[0]?.message.content).toBe(
      JSON.parse(loadCorpus('01').response.body).choices[0].message.content,
    );
    expect(api.requests.length).toBe(sent);
  });
});
