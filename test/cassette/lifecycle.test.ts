import { describe, expect, test, vi } from 'vitest';
import {
  CassetteConfigurationError,
  CassetteMissError,
  CassetteStateError,
  CassetteUnusedError,
  isCassetteError,
  startCassette,
  withCassette,
  type CassetteStore,
} from '../../src/cassette/index.js';
import { activeCassette } from '../../src/internal/active-cassette.js';
import { startOpenAIServer } from '../helpers/openai-server.js';
import { chat, rawClient } from './helpers/clients.js';

/** An in-memory store that counts its calls (the `store` seam). */
function memoryStore(initial: Record<string, string> = {}) {
  const files = new Map(Object.entries(initial));
  const calls: string[] = [];
  const store: CassetteStore = {
    read: async (path) => {
      calls.push(`read ${path}`);
      return files.get(path);
    },
    write: async (path, text) => {
      calls.push(`write ${path}`);
      files.set(path, text);
    },
  };
  return { store, files, calls };
}

describe('the cassette lifecycle', () => {
  test('goes from active to stopped, writes once, and stop() is idempotent', async () => {
    const server = await startOpenAIServer('01');
    const { store, calls } = memoryStore();
    try {
      const cassette = await startCassette('life/once', { dir: '/cassettes', mode: 'record', store });
      expect(cassette.state).toBe('active');
      await rawClient(server.baseUrl).chat.completions.create(chat('hi'));
      const [first, second] = [cassette.stop(), cassette.stop()];
      expect(first).toBe(second);
      const summary = await first;
      expect(await cassette.stop()).toBe(summary);
      expect(cassette.state).toBe('stopped');
      expect(cassette.summary).toBe(summary);
      expect(calls).toEqual(['read /cassettes/life/once.yaml', 'write /cassettes/life/once.yaml']);
      expect(summary).toEqual({
        name: 'life/once',
        path: '/cassettes/life/once.yaml',
        mode: 'record',
        replayed: 0,
        recorded: 1,
        passedThrough: 0,
        unused: [],
        misses: [],
        written: true,
      });
    } finally {
      await server.close();
    }
  });

  test('writes nothing when nothing was recorded', async () => {
    const { store, calls } = memoryStore();
    const cassette = await startCassette('life/empty', { dir: '/cassettes', mode: 'record', store });
    expect((await cassette.stop()).written).toBe(false);
    expect(calls).toEqual(['read /cassettes/life/empty.yaml']);
  });

  test("rejects a stopped cassette's fetch with CassetteStateError naming it and what it did", async () => {
    const { store } = memoryStore();
    const cassette = await startCassette('life/stopped', { dir: '/cassettes', mode: 'replay', store });
    await cassette.stop();
    const error = await cassette.fetch('http://127.0.0.1:50999/v1/models').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CassetteStateError);
    expect((error as Error).message).toBe(
      'Cassette "life/stopped" (/cassettes/life/stopped.yaml) was used after stop() for http://127.0.0.1:50999/v1/models; ' +
        'it had replayed 0 and recorded 0 requests. Start a new cassette for further requests.',
    );
    expect(activeCassette.current).toBeUndefined();
  });

  test('refuses a second cassette while one is active', async () => {
    const { store } = memoryStore();
    const first = await startCassette('life/first', { dir: '/cassettes', store });
    await expect(startCassette('life/second', { dir: '/cassettes', store })).rejects.toThrow(
      'Cannot start cassette "life/second": cassette "life/first" is still active. One cassette serves a process at a time; `await cassette.stop()` before starting the next.',
    );
    await first.stop();
    const second = await startCassette('life/second', { dir: '/cassettes', store });
    await second.stop();
  });

  test('checks the name and options before any I/O, naming the option, what it takes and what it got', async () => {
    const { store, calls } = memoryStore();
    const cases: [string, object, string][] = [
      ['../escape', {}, 'Invalid cassette name "../escape"'],
      [
        'ok',
        { mode: 'replya' },
        'Invalid cassette option `mode`: it must be one of "replay", "record", "auto", "passthrough", got "replya".',
      ],
      [
        'ok',
        { ignoreBodyFields: ['messages[x'] },
        'Invalid cassette option `ignoreBodyFields`: "messages[x" is not a field path',
      ],
      ['ok', { allowRepeats: 'yes' }, 'Invalid cassette option `allowRepeats`: it must be true or false, got "yes".'],
      ['ok', { server: {} }, 'Invalid cassette option `server`: it must be an MSW server'],
      ['ok', { ignoreHeader: ['x'] }, 'Unknown cassette option `ignoreHeader`.'],
    ];
    for (const [name, options, message] of cases) {
      const error = await startCassette(name, { ...options, store } as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CassetteConfigurationError);
      expect((error as Error).message).toContain(message);
    }
    expect(calls).toEqual([]);
  });
});

describe('withCassette', () => {
  test('runs the function with an active cassette, stops it and returns the result', async () => {
    const { store, files } = memoryStore();
    const server = await startOpenAIServer('01');
    try {
      const result = await withCassette('life/with', { dir: '/cassettes', mode: 'record', store }, async (cassette) => {
        expect(cassette.state).toBe('active');
        return (await rawClient(server.baseUrl).chat.completions.create(chat('hi'))).id;
      });
      expect(result).toBe('chatcmpl-AsZ6UtbaNSMpNU9VJKxvn52t5eJTq');
      expect(files.get('/cassettes/life/with.yaml')).toContain('chatcmpl-AsZ6UtbaNSMpNU9VJKxvn52t5eJTq');
      expect(activeCassette.current).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  test("lets the function's own error win, and still stops the cassette", async () => {
    const { store } = memoryStore();
    let seen: { state: string } | undefined;
    await expect(
      withCassette('life/throws', { dir: '/cassettes', store }, (cassette) => {
        seen = cassette;
        throw new Error('test failed');
      }),
    ).rejects.toThrow('test failed');
    expect(seen?.state).toBe('stopped');
  });

  test('throws a miss the function swallowed', async () => {
    const { store } = memoryStore({ '/cassettes/life/swallow.yaml': 'version: 1\ninteractions: []\n' });
    const error = await withCassette('life/swallow', { dir: '/cassettes', store }, async () => {
      await fetch('http://127.0.0.1:50999/v1/models').catch(() => undefined);
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CassetteMissError);
    expect(isCassetteError(error)).toBe(true);
  });
});

describe('unused recordings', () => {
  const recorded = (urls: string[]) => ({
    '/cassettes/life/unused.yaml':
      'version: 1\ninteractions:\n' +
      urls
        .map(
          (url, i) =>
            `  - id: id-${i}\n    hash: h\n    request: {method: GET, url: "${url}", headers: {}}\n    response: {status: 200, headers: {}, body: {text: "r${i}"}}\n    recordedAt: 2025-01-01T00:00:00.000Z\n`,
        )
        .join(''),
  });

  test('are reported once the cassette stops, through the [spark-models] warning', async () => {
    const { store } = memoryStore(recorded(['http://127.0.0.1:50999/a', 'http://127.0.0.1:50999/b']));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const cassette = await startCassette('life/unused', { dir: '/cassettes', store });
      expect(await (await fetch('http://127.0.0.1:50999/a')).text()).toBe('r0');
      const summary = await cassette.stop();
      expect(summary.unused).toEqual([{ id: 'id-1', method: 'GET', url: 'http://127.0.0.1:50999/b' }]);
      expect(warn).toHaveBeenCalledWith(
        '[spark-models] Cassette /cassettes/life/unused.yaml: 1 recording was not used in this run: id-1 (GET http://127.0.0.1:50999/b). ' +
          'Remove them (`spark-cassette prune`) or record the cassette again.',
      );
    } finally {
      warn.mockRestore();
    }
  });

  test('are an error with `failOnUnused`, and are not reported when the test already failed', async () => {
    const { store } = memoryStore(recorded(['http://127.0.0.1:50999/a']));
    const strict = await startCassette('life/unused', { dir: '/cassettes', store, failOnUnused: true });
    const error = await strict.stop().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CassetteUnusedError);
    expect(error).toMatchObject({ unused: [{ id: 'id-0', method: 'GET', url: 'http://127.0.0.1:50999/a' }] });

    const failed = await startCassette('life/unused', { dir: '/cassettes', store, failOnUnused: true });
    expect((await failed.stop({ failed: true })).unused).toHaveLength(1);
  });
});
