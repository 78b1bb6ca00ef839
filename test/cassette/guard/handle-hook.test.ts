import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startCassette } from '../../../src/cassette/index.js';
import { handlePrototypeOf } from '../../../src/cassette/guard/socket-hooks.js';
import { startCountingHttpServer, type CountingServer } from '../../helpers/counting-server.js';
import { useTempDir } from '../../helpers/temp-dir.js';

// The guard's second hook sits on Node's TCP handle, below every `net.Socket#connect`: a
// connection made through a `connect` taken before spark-models loaded (so past the socket
// hook) is still refused while a cassette replays. The hook finds the handle's prototype with
// a probe socket that never connects (guard/socket-hooks.ts).

const dir = useTempDir('spark-guard-handle-');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const script = fileURLToPath(new URL('./fixtures/early-connect.ts', import.meta.url));
let api: CountingServer;

beforeEach(async () => {
  api = await startCountingHttpServer('recorded answer');
});
afterEach(async () => {
  await api.close();
});

test('a connection past the socket hook to a recorded origin is refused by the handle hook and reaches nothing', async () => {
  const recording = await startCassette('guard', { dir: dir.path, mode: 'record' });
  await (await fetch(`${api.origin}/v1/models`)).text();
  await recording.stop();
  const before = api.connections;

  const { stdout } = await promisify(execFile)(process.execPath, ['--import', tsx, script], {
    env: { ...process.env, GUARD_DIR: dir.path, GUARD_PORT: String(api.port) },
  });

  const ended = JSON.parse(stdout) as { connected?: true; error?: string; message?: string };
  expect(ended.error).toBe('CassetteNetworkError');
  expect(ended.message).toContain(`refused a connection to 127.0.0.1:${api.port}`);
  expect(api.connections).toBe(before);
});

test('the probe finds the handle through an invalid port, before Node reads the host', () => {
  // Reading a host name would call node:net's isIP, which costs milliseconds on first use.
  const proto = handlePrototypeOf({ host: 'spark-models-guard.invalid', port: -1 });
  expect(typeof proto?.['connect']).toBe('function');
  expect(typeof proto?.['connect6']).toBe('function');
});
