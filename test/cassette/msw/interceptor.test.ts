import { setupServer } from 'msw/node';
import { describe, expect, test, vi } from 'vitest';
import {
  installCassetteInterceptor,
  isCassetteInterceptorInstalled,
  startCassette,
} from '../../../src/cassette/index.js';
import { loadCorpus } from '../../helpers/corpus.js';
import { startOpenAIServer } from '../../helpers/openai-server.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { sharedInterceptor } from '../../../src/cassette/msw/interceptor.js';
import { finished, spawnFixture } from '../helpers/child.js';
import { chat, rawClient } from '../helpers/clients.js';

const dir = useTempDir('spark-cassette-trap-');

const recordedContent = JSON.parse(loadCorpus('01').response.body).choices[0].message.content as string;
const liveContent = JSON.parse(loadCorpus('12').response.body).choices[0].message.content as string;

/**
 * Records the module-scope client's request (answered by corpus 01), then leaves the server up
 * answering corpus 12: whatever escapes the cassette shows up there.
 */
async function recordThenServeOtherReplies() {
  const server = await startOpenAIServer('01');
  const cassette = await startCassette('trap/module-scope', { dir: dir.path, mode: 'record' });
  await rawClient(server.baseUrl).chat.completions.create(chat('module scope'));
  await cassette.stop();
  server.reply('12');
  return server;
}

describe('an openai client built at module scope, before any cassette starts', () => {
  test('is replayed when spark-models/cassette/setup loaded first, and nothing reaches the network', async () => {
    const server = await recordThenServeOtherReplies();
    try {
      const child = await finished(
        spawnFixture('module-scope-replay.ts', { TRAP_SETUP: '1', TRAP_DIR: dir.path, TRAP_BASE_URL: server.baseUrl }),
      );
      expect(child.stderr).toBe('');
      expect(JSON.parse(child.stdout)).toEqual({ content: recordedContent, replayed: 1 });
      expect(server.requests).toHaveLength(1); // only the recording itself
    } finally {
      await server.close();
    }
  });

  // It used to escape to the network (the `fetch` it kept was never patched); its socket is
  // still MSW's, and the cassette serves the requests no MSW interceptor claims.
  test('is replayed without the setup module too, and nothing reaches the network', async () => {
    const server = await recordThenServeOtherReplies();
    try {
      const child = await finished(
        spawnFixture('module-scope-replay.ts', { TRAP_SETUP: '0', TRAP_DIR: dir.path, TRAP_BASE_URL: server.baseUrl }),
      );
      expect(child.stderr).toBe('');
      expect(JSON.parse(child.stdout)).toEqual({ content: recordedContent, replayed: 1 });
      expect(JSON.parse(child.stdout).content).not.toBe(liveContent);
      expect(server.requests).toHaveLength(1); // only the recording itself
    } finally {
      await server.close();
    }
  });
});

describe('interception', () => {
  test('covers a client built after installCassetteInterceptor() and before the cassette starts', async () => {
    const server = await recordThenServeOtherReplies();
    const uninstall = installCassetteInterceptor();
    try {
      const client = rawClient(server.baseUrl);
      const cassette = await startCassette('trap/module-scope', { dir: dir.path, mode: 'replay' });
      const completion = await client.chat.completions.create(chat('module scope'));
      await cassette.stop();
      expect(completion.choices[0]?.message.content).toBe(recordedContent);
      expect(server.requests).toHaveLength(1);
      expect(isCassetteInterceptorInstalled()).toBe(true); // pinned until uninstalled
    } finally {
      uninstall();
      await server.close();
    }
    expect(isCassetteInterceptorInstalled()).toBe(false);
  });

  test("serves through the user's own MSW server when given `server`, and lets requests through once stopped", async () => {
    const server = await recordThenServeOtherReplies();
    const own = setupServer();
    own.listen({ onUnhandledFrame: 'bypass' });
    try {
      const client = rawClient(server.baseUrl);
      const cassette = await startCassette('trap/module-scope', { dir: dir.path, mode: 'replay', server: own });
      expect(own.listHandlers()).toEqual(cassette.handlers);
      expect(isCassetteInterceptorInstalled()).toBe(false);
      const replayed = await client.chat.completions.create(chat('module scope'));
      await cassette.stop();
      const live = await client.chat.completions.create(chat('module scope'));

      expect(replayed.choices[0]?.message.content).toBe(recordedContent);
      expect(live.choices[0]?.message.content).toBe(liveContent);
    } finally {
      own.close();
      await server.close();
    }
  });

  test('moves from off to ours, taken, lost and back to ours as another server listens and closes', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const user = setupServer();
    const states = [sharedInterceptor.state];
    const uninstall = installCassetteInterceptor();
    let warned = '';
    try {
      states.push(sharedInterceptor.state);
      user.listen({ onUnhandledFrame: 'bypass' });
      states.push(sharedInterceptor.state);
      user.close();
      states.push(sharedInterceptor.state);
      await Promise.resolve(); // it listens again a microtask after the other server's close()
      states.push(sharedInterceptor.state);
      warned = String(warn.mock.calls[0]?.[0]);
    } finally {
      uninstall();
      warn.mockRestore();
    }
    states.push(sharedInterceptor.state);
    expect(states).toEqual(['off', 'ours', 'taken', 'lost', 'ours', 'off']);
    expect(warned).toContain('it listens again');
  });
});
