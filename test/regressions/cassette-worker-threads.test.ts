import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startCassette } from '../../src/cassette/index.js';
import { startCountingHttpServer, type CountingServer } from '../helpers/counting-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Bug (issue 10): requests from worker_threads were never intercepted: a worker has its own
// `net`, which neither MSW nor anything else of the test thread patched, so each got the live
// answer in replay. A worker started while a cassette replays now gets the network guard
// (refused at once); one that loads spark-models/cassette/setup is replayed by the cassette of
// the thread that started it.

const dir = useTempDir('spark-regression-workers-');
let api: CountingServer;

beforeEach(async () => {
  api = await startCountingHttpServer('recorded answer');
});
afterEach(async () => {
  await api.close();
});

function runWorker(
  url: string,
  setup: boolean,
): Promise<{ body?: string; error?: { name: string; cause?: string; message?: string } }> {
  const worker = new Worker(new URL('./fixtures/worker-get.ts', import.meta.url), {
    workerData: { url, setup },
    execArgv: ['--import', 'tsx'],
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (message) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function recorded(url: string): Promise<void> {
  const recording = await startCassette('workers', { dir: dir.path, mode: 'record' });
  await (await fetch(url)).text();
  await recording.stop();
  api.body = 'live answer';
}

describe('a worker thread started while a cassette replays', () => {
  test('is refused by the guard when it did not load the setup module', async () => {
    const url = `${api.origin}/v1/models`;
    await recorded(url);
    const before = api.connections;
    const cassette = await startCassette('workers', { dir: dir.path, mode: 'replay' });
    const got = await runWorker(url, false);
    await cassette.stop({ failed: true });

    expect(got.error).toMatchObject({ name: 'TypeError', cause: 'CassetteNetworkError' });
    expect(got.error?.message).toContain(`Cassette "workers"`);
    expect(got.error?.message).toContain(`refused a connection to 127.0.0.1:${api.port}`);
    expect(api.connections).toBe(before);
  });

  test('is replayed by that cassette when it loads spark-models/cassette/setup', async () => {
    const url = `${api.origin}/v1/models`;
    await recorded(url);
    const before = api.connections;
    const cassette = await startCassette('workers', { dir: dir.path, mode: 'replay' });
    const got = await runWorker(url, true);
    const summary = await cassette.stop();

    expect(got).toEqual({ body: 'recorded answer' });
    expect(summary.replayed).toBe(1);
    expect(api.connections).toBe(before);
  });
});

describe('a worker thread started with no cassette running', () => {
  test('is left alone', async () => {
    const got = await runWorker(`${api.origin}/v1/models`, false);
    expect(got).toEqual({ body: 'recorded answer' });
    expect(api.connections).toBe(1);
  });
});
