import http from 'node:http';
import tls from 'node:tls';
import axios from 'axios';
import { bypass } from 'msw';
import * as undici from 'undici';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CassetteNetworkError, cassetteErrorFrom, isCassetteError, startCassette } from '../../src/cassette/index.js';
import { startCountingHttpServer, startCountingTcpServer, type CountingServer } from '../helpers/counting-server.js';
import { findError, outcome, tcpPing, toLoopback } from '../helpers/guard-clients.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { useEnv } from '../cassette/helpers/env.js';

// Bug (issue 10): replay only answered what interception saw; a connection it did not see (a
// protocol other than HTTP, a client outside MSW) reached the network. A guard below every
// client now refuses, while a cassette replays, each connection to an origin the cassette
// recorded or to a host outside `allowedHosts` (loopback by default), before any DNS lookup.
// Non-loopback hosts are reached here through a lookup that answers 127.0.0.1, so a connection
// the guard let through would land on the counting server, never off this machine.

const dir = useTempDir('spark-regression-guard-');
const env = useEnv();
let api: CountingServer;
let database: CountingServer;

beforeEach(async () => {
  api = await startCountingHttpServer('recorded answer');
  database = await startCountingTcpServer();
});
afterEach(async () => {
  await api.close();
  await database.close();
});

async function recordAndReplay(options: { allowedHosts?: string[] } = {}) {
  const recording = await startCassette('guard', { dir: dir.path, mode: 'record' });
  await (await fetch(`${api.origin}/v1/models`)).text();
  await recording.stop();
  const before = api.connections;
  const cassette = await startCassette('guard', { dir: dir.path, mode: 'replay', ...options });
  return { cassette, reached: () => api.connections - before };
}

describe('while a cassette replays', () => {
  test('a connection to an origin it recorded, by a protocol interception does not answer, fails with CassetteNetworkError', async () => {
    const { cassette, reached } = await recordAndReplay();
    const got = await outcome(() => tcpPing(api.port));
    const stopped = await cassette.stop().catch((error: unknown) => error);

    const error = 'error' in got ? findError(got.error, 'CassetteNetworkError') : undefined;
    expect(error).toBeInstanceOf(CassetteNetworkError);
    expect(error).toMatchObject({ host: '127.0.0.1', port: api.port, cassette: 'guard', mode: 'replay' });
    if (!('error' in got)) {
      throw new Error('the connection was not refused');
    }
    expect(error?.message).toContain(`refused a connection to 127.0.0.1:${api.port}`);
    expect(error?.message).toContain('`allowedHosts`');
    // Reported by stop() too, even when the code under test swallowed it.
    expect(stopped).toBe(error);
    expect(cassetteErrorFrom(got.error)).toBe(error);
    expect(reached()).toBe(0);
  });

  test.each([
    ['net.connect', (port: number) => tcpPing(port, 'db.example.test', toLoopback)],
    [
      'tls.connect',
      (port: number) =>
        new Promise<string>((resolve, reject) => {
          const socket = tls.connect({ port, host: 'db.example.test', lookup: toLoopback, rejectUnauthorized: false });
          // MSW emulates the handshake of a socket it holds; the first bytes decide the rest.
          socket.once('secureConnect', () => socket.write('ping\n'));
          socket.once('data', (data) => resolve(data.toString()));
          socket.once('error', reject);
        }),
    ],
  ])('%s (not HTTP) to a host that is not loopback fails at once, before DNS', async (_client, connect) => {
    const { cassette } = await recordAndReplay();
    const got = await outcome(() => connect(database.port));
    await cassette.stop({ failed: true });

    const error = 'error' in got ? findError(got.error, 'CassetteNetworkError') : undefined;
    expect(error).toBeInstanceOf(CassetteNetworkError);
    expect(error).toMatchObject({ host: 'db.example.test', port: database.port });
    expect(database.connections).toBe(0);
  });

  test.each([
    [
      'node:http with its own lookup',
      (port: number) =>
        new Promise<string>((resolve, reject) => {
          http
            .get({ host: 'api.example.test', port, path: '/', lookup: toLoopback }, (res) => {
              res.resume();
              resolve(String(res.statusCode));
            })
            .on('error', reject);
        }),
    ],
    [
      'undici Agent with its own lookup',
      async (port: number) => {
        const agent = new undici.Agent({ connect: { lookup: toLoopback } });
        try {
          const { statusCode, body } = await undici.request(`http://api.example.test:${port}/`, { dispatcher: agent });
          await body.dump();
          return String(statusCode);
        } finally {
          await agent.close();
        }
      },
    ],
  ])('%s to a host the cassette never recorded gets a miss, never the network', async (_client, get) => {
    const { cassette, reached } = await recordAndReplay();
    const got = await outcome(() => get(api.port));
    const stopped = await cassette.stop().catch((error: unknown) => error);

    expect(got).toEqual({ body: '400' });
    expect(isCassetteError(stopped) && stopped.name).toBe('CassetteMissError');
    expect(reached()).toBe(0);
  });

  test('a request sent past MSW with its bypass() fails with CassetteNetworkError', async () => {
    const { cassette, reached } = await recordAndReplay();
    const got = await outcome(async () => (await fetch(bypass(`${api.origin}/v1/models`))).text());
    await cassette.stop({ failed: true });

    expect('error' in got && findError(got.error, 'CassetteNetworkError')).toBeInstanceOf(CassetteNetworkError);
    expect(reached()).toBe(0);
  });

  test('loopback ports the cassette never recorded stay reachable (a local database)', async () => {
    const { cassette } = await recordAndReplay();
    const answer = await tcpPing(database.port);
    await cassette.stop();
    expect(answer).toBe('pong');
    expect(database.connections).toBe(1);
  });

  test('`allowedHosts` decides: a host:port entry opens a recorded origin, and an empty list closes loopback', async () => {
    const open = await recordAndReplay({ allowedHosts: [`127.0.0.1:${api.port}`] });
    await tcpPing(api.port).catch(() => undefined);
    await open.cassette.stop();
    expect(open.reached()).toBe(1);

    const closed = await recordAndReplay({ allowedHosts: [] });
    const got = await outcome(() => tcpPing(database.port));
    await closed.cassette.stop({ failed: true });
    expect('error' in got && findError(got.error, 'CassetteNetworkError')).toBeTruthy();
    expect(database.connections).toBe(0);
  });

  test('record and passthrough refuse nothing', async () => {
    for (const mode of ['record', 'passthrough'] as const) {
      const cassette = await startCassette('guard-live', { dir: dir.path, mode });
      expect(await tcpPing(database.port, 'db.example.test', toLoopback)).toBe('pong');
      await cassette.stop({ failed: true });
    }
    expect(database.connections).toBe(2);
  });
});

describe(`SPARK_BLOCK_NETWORK`, () => {
  const clients: Record<string, (port: number) => Promise<string>> = {
    'net.connect': (port) => tcpPing(port, 'db.example.test', toLoopback),
    'node:http': (port) =>
      new Promise((resolve, reject) => {
        http.get({ host: 'api.example.test', port, lookup: toLoopback }, () => resolve('answered')).on('error', reject);
      }),
    'undici Agent': async (port) => {
      const agent = new undici.Agent({ connect: { lookup: toLoopback } });
      try {
        return await (await undici.request(`http://api.example.test:${port}/`, { dispatcher: agent })).body.text();
      } finally {
        await agent.close();
      }
    },
    axios: async (port) =>
      (
        await axios.get<string>(`http://api.example.test:${port}/`, {
          // axios types its lookup apart from node:net's; it calls it the same way.
          lookup: toLoopback as never,
          proxy: false,
        })
      ).data,
  };

  test.each(Object.keys(clients))(
    'refuses %s to a host that is not loopback with no cassette running, and leaves loopback alone',
    async (name) => {
      env.set({ SPARK_BLOCK_NETWORK: '1' });
      const target = name === 'net.connect' ? database : api;
      const got = await outcome(() => (clients[name] as (port: number) => Promise<string>)(target.port));
      const error = 'error' in got ? findError(got.error, 'CassetteNetworkError') : undefined;
      expect(error).toBeInstanceOf(CassetteNetworkError);
      expect(error).toMatchObject({ host: name === 'net.connect' ? 'db.example.test' : 'api.example.test' });
      expect(error?.message).toContain('SPARK_BLOCK_NETWORK is set');
      expect(target.connections).toBe(0);
      expect(await tcpPing(database.port)).toBe('pong');
    },
  );

  test('lets hosts it lists through', async () => {
    env.set({ SPARK_BLOCK_NETWORK: 'db.example.test' });
    expect(await tcpPing(database.port, 'db.example.test', toLoopback)).toBe('pong');
  });

  test('a value that is not a host list fails with a message naming it', async () => {
    env.set({ SPARK_BLOCK_NETWORK: 'db example' });
    await expect(startCassette('guard-env', { dir: dir.path, mode: 'passthrough' })).rejects.toThrow(
      /Invalid SPARK_BLOCK_NETWORK="db example"/,
    );
  });
});
