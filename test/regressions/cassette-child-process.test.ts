import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startCassette } from '../../src/cassette/index.js';
import { startCountingHttpServer, type CountingServer } from '../helpers/counting-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Issue 10: child processes are outside cassettes (another process, another network stack).
// Coverage extends to one through its environment: started while a cassette replays, with
// spark-models/cassette/setup in NODE_OPTIONS, it applies that cassette's network guard.

const dir = useTempDir('spark-regression-child-');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const setup = pathToFileURL(fileURLToPath(new URL('../../src/cassette/setup.ts', import.meta.url))).href;
const script = fileURLToPath(new URL('./fixtures/child-get.ts', import.meta.url));
let api: CountingServer;

beforeEach(async () => {
  api = await startCountingHttpServer('recorded answer');
});
afterEach(async () => {
  await api.close();
});

describe('a child process started while a cassette replays', () => {
  test('with spark-models/cassette/setup in NODE_OPTIONS, is refused by the guard and reaches nothing', async () => {
    const url = `${api.origin}/v1/models`;
    const recording = await startCassette('child', { dir: dir.path, mode: 'record' });
    await (await fetch(url)).text();
    await recording.stop();
    const before = api.connections;

    const cassette = await startCassette('child', { dir: dir.path, mode: 'replay' });
    const { stdout } = await promisify(execFile)(process.execPath, [script], {
      env: { ...process.env, CHILD_URL: url, NODE_OPTIONS: `--import ${tsx} --import ${setup}` },
    });
    await cassette.stop({ failed: true });

    const got = JSON.parse(stdout) as { error?: string; message?: string };
    expect(got.error).toBe('CassetteNetworkError');
    expect(got.message).toContain('Cassette "child"');
    expect(api.connections).toBe(before);
  });
});
