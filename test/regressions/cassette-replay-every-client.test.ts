import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startCassette } from '../../src/cassette/index.js';
import { startCountingHttpServer, type CountingServer } from '../helpers/counting-server.js';
import { HTTP_CLIENTS, outcome } from '../helpers/guard-clients.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Bug (issue 10): with or without spark-models/cassette/setup, a replaying cassette never saw
// undici's own request(), its Agent dispatchers and undici.fetch, nor node:http imported as a
// namespace or by name (ESM keeps the functions it saw before MSW patched the module): each got
// the live server's answer. MSW 3 parses the requests of every socket it intercepts, but hands
// only those of clients it knows (fetch, http.ClientRequest) to its handlers; the cassette now
// serves the rest too.

const dir = useTempDir('spark-regression-every-client-');
let server: CountingServer;

beforeEach(async () => {
  server = await startCountingHttpServer('recorded answer');
});
afterEach(async () => {
  await server.close();
});

describe('a replaying cassette', () => {
  test.each(Object.keys(HTTP_CLIENTS))('replays %s, and nothing reaches the server', async (client) => {
    const get = HTTP_CLIENTS[client] as (url: string) => Promise<string>;
    const url = `${server.origin}/v1/models?client=${encodeURIComponent(client)}`;
    const recording = await startCassette('every-client', { dir: dir.path, mode: 'record' });
    expect(await get(url)).toBe('recorded answer');
    await recording.stop();
    server.body = 'live answer';
    const before = { connections: server.connections, requests: server.requests };

    const replay = await startCassette('every-client', { dir: dir.path, mode: 'replay' });
    const got = await outcome(() => get(url));
    const summary = await replay.stop();

    expect(got).toEqual({ body: 'recorded answer' });
    expect(summary.replayed).toBe(1);
    expect({ connections: server.connections, requests: server.requests }).toEqual(before);
  });
});
